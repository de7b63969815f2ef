using System;

namespace TallyfyPS.Client
{
    /// <summary>Related data to fetch with each run.</summary>
    [Flags]
    internal enum RunInclude
    {
        None = 0,
        /// <summary>The run's blueprint (template); the API calls it checklist.</summary>
        Blueprint = 1,
        Tasks = 2,
        Tags = 4,
        FormFields = 8,
        KickoffFields = 16,
        Comments = 32,
        /// <summary>The run's folders (each with the folder-object id that takes the run out, where Tallyfy gives it).</summary>
        Folders = 64,
    }
}
