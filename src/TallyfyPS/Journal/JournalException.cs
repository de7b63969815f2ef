using System;

namespace TallyfyPS.Journal
{
    /// <summary>Why a journal file cannot be used.</summary>
    public enum JournalProblem
    {
        /// <summary>It records another kind of call or another organization.</summary>
        Mismatch,

        /// <summary>Another process is writing it.</summary>
        InUse,

        /// <summary>It is not a TallyfyPS journal, or a line other than the last is damaged.</summary>
        Unreadable,

        /// <summary>It cannot be created or written (folder missing, no permission, disk full).</summary>
        CannotWrite,
    }

    public sealed class JournalException : Exception
    {
        public JournalException(JournalProblem problem, string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Problem = problem;
            Path = path;
        }

        public JournalProblem Problem { get; }

        public string Path { get; }
    }
}
