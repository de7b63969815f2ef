using System;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The common fields of the results of the creating cmdlets that are not bulk pipelines (New-TallyfyTask,
    /// New-TallyfyTag), filled in as the pipeline's Stamp fills them for the others.
    /// </summary>
    internal static class CreationResults
    {
        internal static T Stamp<T>(TallyfyUser user, T result, string organizationId, int attempts, string? message, TallyfyApiException? error = null)
            where T : TallyfyOperationResult
        {
            result.HttpStatus = error?.StatusCode;
            result.RequestId = error?.RequestId;
            result.Message = message;
            result.Attempts = attempts;
            result.CompletedAt = new TallyfyTimestamp(DateTimeOffset.Now);
            result.OrganizationId = organizationId;
            result.PerformedBy = user.Email ?? user.ToString(); // who acts, as the bulk cmdlets' results say it
            return result;
        }

        /// <summary>The message of a refusal or failure, as its error record says it.</summary>
        internal static string MessageOf(ErrorRecord error) => error.ErrorDetails?.Message ?? error.Exception.Message;
    }
}
