using System;

namespace TallyfyPS.Model
{
    /// <summary>What a removal or restore call did to one item.</summary>
    public enum TallyfyAction
    {
        Archive,
        Delete,
        Restore,

        /// <summary>A member removed from the organization (disabled; Remove-TallyfyUser).</summary>
        Deactivate,
    }
}
