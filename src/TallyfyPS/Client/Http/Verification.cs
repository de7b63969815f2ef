namespace TallyfyPS.Client
{
    /// <summary>
    /// What a read says of a change whose outcome was unknown (no answer, or a 5xx): <see cref="Applied"/> (report it
    /// done, never send it again), <see cref="NotApplied"/> (safe to send again), <see cref="CannotTell"/> (the read
    /// could not settle it: sent again only where repeating is harmless to the request's own rules, as before a
    /// verification existed), or <see cref="Undecided"/> (cannot tell, and a second send could do it twice: give up,
    /// the outcome unknown, for the reason given).
    /// </summary>
    internal sealed class Verification
    {
        private Verification(VerificationResult result, string? reason)
        {
            Result = result;
            Reason = reason;
        }

        public static Verification Applied { get; } = new Verification(VerificationResult.Applied, null);

        public static Verification NotApplied { get; } = new Verification(VerificationResult.NotApplied, null);

        public static Verification CannotTell { get; } = new Verification(VerificationResult.CannotTell, null);

        public VerificationResult Result { get; }

        /// <summary>For <see cref="VerificationResult.Undecided"/>: why it cannot be told (the outcome's message).</summary>
        public string? Reason { get; }

        /// <summary>Applied or not, as a read showed it.</summary>
        public static Verification Of(bool applied) => applied ? Applied : NotApplied;

        /// <summary>Cannot tell, and the change is never sent again on a guess: the outcome is unknown, for <paramref name="reason"/>.</summary>
        public static Verification Undecided(string reason) => new Verification(VerificationResult.Undecided, reason);
    }

    /// <summary>The four answers of a <see cref="Verification"/>.</summary>
    internal enum VerificationResult
    {
        NotApplied,
        Applied,
        CannotTell,
        Undecided,
    }
}
