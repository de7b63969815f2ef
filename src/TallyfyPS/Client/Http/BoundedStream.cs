using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Reads a response body up to a size limit, and notes whether anything but white space came,
    /// so an empty 200 can be told from invalid JSON without buffering the body.
    /// </summary>
    internal sealed class BoundedStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _limit;

        public BoundedStream(Stream inner, long limit)
        {
            _inner = inner;
            _limit = limit;
        }

        public long BytesRead { get; private set; }

        public bool SawContent { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(buffer, offset, _inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(buffer, offset, await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public async Task DrainAsync(CancellationToken cancellationToken)
        {
            byte[] chunk = new byte[16384];
            while (await ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }

        private int Count(byte[] buffer, int offset, int read)
        {
            BytesRead += read;
            if (BytesRead > _limit)
            {
                throw new LimitExceededException();
            }

            if (!SawContent)
            {
                for (int i = offset; i < offset + read; i++)
                {
                    byte b = buffer[i];
                    if (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t')
                    {
                        SawContent = true;
                        break;
                    }
                }
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>The body is larger than allowed.</summary>
        internal sealed class LimitExceededException : IOException
        {
            public LimitExceededException()
                : base("The response body exceeds the size limit.")
            {
            }
        }
    }
}
