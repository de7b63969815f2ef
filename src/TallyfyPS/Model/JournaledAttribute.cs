using System;

namespace TallyfyPS.Model
{
    /// <summary>A result's internal property that a journal keeps (and users do not see, nor Export-Csv write).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class JournaledAttribute : Attribute
    {
    }
}
