using System.Management.Automation;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of the retention filters.</summary>
    internal static partial class Errors
    {
        public static ErrorRecord InvalidAge(object value) => New(ErrorIds.InvalidAge, ErrorCategory.InvalidArgument, value,
            $"-OlderThan '{value}' is not an age: give a positive number of days (365) or a TimeSpan (New-TimeSpan -Days 30, '30.12:00:00'). Nothing was listed.",
            "Or name the date itself with -CompletedBefore, -CreatedBefore, -LastUpdatedBefore or -ArchivedBefore.");
    }
}
