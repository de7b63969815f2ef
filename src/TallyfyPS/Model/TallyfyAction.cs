using System;

namespace TallyfyPS.Model
{
    /// <summary>What a removal or restore call did to one item.</summary>
    public enum TallyfyAction
    {
        Archive,
        Delete,
        Restore,
    }
}
