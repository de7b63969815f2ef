using System;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>A file that is not a TallyfyPS run backup, is truncated, or does not follow the format.</summary>
    public sealed class BackupFormatException : Exception
    {
        public BackupFormatException(string path, string problem, Exception? inner = null)
            : base(problem, inner)
        {
            Path = path;
            Problem = problem;
        }

        public string Path { get; }

        /// <summary>What is wrong, in a sentence.</summary>
        public string Problem { get; }
    }
}
