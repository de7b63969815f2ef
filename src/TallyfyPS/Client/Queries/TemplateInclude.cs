using System;

namespace TallyfyPS.Client
{
    /// <summary>Related data to fetch with each template (its kick-off fields always come).</summary>
    [Flags]
    internal enum TemplateInclude
    {
        None = 0,
        Steps = 1,
        Tags = 2,
    }
}
