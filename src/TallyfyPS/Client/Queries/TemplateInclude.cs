using System;

namespace TallyfyPS.Client
{
    /// <summary>Related data to fetch with each template (its kick-off fields always come).</summary>
    [Flags]
    public enum TemplateInclude
    {
        None = 0,
        Steps = 1,
        Tags = 2,
    }
}
