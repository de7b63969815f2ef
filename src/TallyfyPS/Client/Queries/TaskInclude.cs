using System;

namespace TallyfyPS.Client
{
    /// <summary>Related data to fetch with each task.</summary>
    [Flags]
    internal enum TaskInclude
    {
        None = 0,
        Comments = 1,
        FormFields = 2,
        Run = 4,
        Tags = 8,
    }
}
