using System.IO;

namespace TallyfyPS.Files
{
    /// <summary>Reading a local file's bytes whole (a journal, a record of a restore).</summary>
    internal static class StreamReading
    {
        /// <summary>Fills <paramref name="buffer"/> from the stream's position, or up to its end; returns how many bytes were read.</summary>
        public static int ReadFully(Stream stream, byte[] buffer)
        {
            int read = 0;
            while (read < buffer.Length)
            {
                int n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return read;
        }
    }
}
