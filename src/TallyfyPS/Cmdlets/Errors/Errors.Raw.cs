using System.Management.Automation;
using TallyfyPS.Client;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The errors of raw requests (Invoke-TallyfyApi).</summary>
    internal static partial class Errors
    {
        /// <summary>A method, path, URL or body that cannot be sent: nothing was sent.</summary>
        public static ErrorRecord RawRefused(RawPathException ex)
        {
            if (ex.ForeignHost)
            {
                return New(ErrorIds.ForeignApiHost, ErrorCategory.SecurityError, ex.Value,
                    $"Invoke-TallyfyApi refused '{ex.Value}': {ex.Message} Nothing was sent.",
                    "Pass a path relative to the organization (runs, runs/<id>/tasks), or a URL under the session's base URI (Get-TallyfyContext shows it).");
            }

            if (ex.Body)
            {
                return New(ErrorIds.InvalidJsonBody, ErrorCategory.InvalidArgument, ex.Value,
                    $"Invoke-TallyfyApi refused the body: {ex.Message} Nothing was sent.",
                    "Pass -Body as a hashtable or object (it is converted to JSON), or as JSON text (ConvertTo-Json -Depth 10).");
            }

            return New(ErrorIds.InvalidApiPath, ErrorCategory.InvalidArgument, ex.Value,
                $"Invoke-TallyfyApi refused '{ex.Value}': {ex.Message} Nothing was sent.",
                "Pass a path relative to the organization such as 'runs' or 'runs/<id>/tasks', or one starting with 'me', 'organizations/' or 'oauth/'.");
        }

        /// <summary>A raw request that Tallyfy refused or that failed: the service's message, code and field errors.</summary>
        public static ErrorRecord RawFailed(TallyfyApiException ex, string request, object? target)
        {
            ErrorRecord record = ForSubject(ex, Noun.Resource, request, target, 1,
                ex.ErrorCode is string code && code != TallyfyApiException.OutcomeUnknownCode ? $"{ex.Message.TrimEnd('.')} (code {code})." : null);
            return record;
        }
    }
}
