using System.Threading;

namespace TallyfyPS.Client
{
    /// <summary>
    /// For a call that stops at its first failure (-ErrorAction Stop): the position, in input order, of the first
    /// item that was refused or failed. No request starts for an item after it (a read, a change, a retry, the next
    /// step of a change under way), whether or not the earlier items' results have been written; items before it
    /// go on, as they would have one at a time. Off (nothing is ever halted) unless <see cref="Enabled"/>.
    /// </summary>
    public sealed class HaltLine
    {
        private long _at = long.MaxValue;

        /// <summary>Whether the call stops at its first failure.</summary>
        public bool Enabled { get; set; }

        /// <summary>The position of the first item that failed; long.MaxValue while none has.</summary>
        public long At => Interlocked.Read(ref _at);

        /// <summary>True once an item failed, so that no request starts for the items after it.</summary>
        public bool IsHalted => At != long.MaxValue;

        /// <summary>The item at <paramref name="position"/> was refused or failed: nothing more starts for any later item.</summary>
        public void Fail(long position)
        {
            if (!Enabled || position < 0)
            {
                return;
            }

            long seen = Interlocked.Read(ref _at);
            while (position < seen)
            {
                long was = Interlocked.CompareExchange(ref _at, position, seen);
                if (was == seen)
                {
                    return;
                }

                seen = was;
            }
        }

        /// <summary>Whether no request may start for the item at <paramref name="position"/> (a later item than one that failed).</summary>
        public bool Halts(long position) => position >= 0 && position > At;
    }
}
