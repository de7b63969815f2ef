using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// -IncludeTotalCount as PowerShell's paging cmdlets write it (PSCmdlet.PagingParameters.NewTotalCount): the count
    /// as a number, first in the output, with an Accuracy property (1: the service's count; between: an estimate; 0:
    /// unknown) and the text "Total count: 55".
    /// </summary>
    internal static class TotalCounts
    {
        internal static PSObject New(int? total, double accuracy)
        {
            ulong count = total.HasValue && total.Value > 0 ? (ulong)total.Value : 0;
            double a = total.HasValue ? System.Math.Max(0.0, System.Math.Min(1.0, accuracy)) : 0.0;
            var result = new PSObject(count);
            result.Members.Add(new PSScriptMethod("ToString", ScriptBlock.Create(
                "$n = $this.PSObject.BaseObject; if ($this.Accuracy -ge 1.0) { \"Total count: $n\" } elseif ($this.Accuracy -le 0.0) { 'Unknown total count' } else { \"Estimated total count: $n\" }")));
            result.Members.Add(new PSNoteProperty("Accuracy", a));
            return result;
        }
    }
}
