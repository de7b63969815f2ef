using System;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// The common fields of every result (the last answer, the requests sent, when, where and who), filled in one place
    /// for the bulk pipeline and for the creating cmdlets that are not bulk pipelines (New-TallyfyTask, New-TallyfyTag).
    /// </summary>
    internal static class ResultStamp
    {
        /// <summary>Who acts, as every result says it: the session user's email (as GET /me named it at sign-in).</summary>
        internal static string PerformedBy(TallyfyUser user) => user.Email ?? user.ToString();

        internal static T Fill<T>(T result, string? performedBy, int? httpStatus, string? requestId, string? message, int attempts, string organizationId)
            where T : TallyfyOperationResult
        {
            result.HttpStatus = httpStatus;
            result.RequestId = requestId;
            result.Message = message;
            result.Attempts = attempts;
            result.CompletedAt = new TallyfyTimestamp(DateTimeOffset.Now);
            result.OrganizationId = organizationId;
            result.PerformedBy = performedBy;
            return result;
        }

        /// <summary>A creating cmdlet's result; a failure's status and request id come from its error.</summary>
        internal static T Stamp<T>(TallyfyUser user, T result, string organizationId, int attempts, string? message, TallyfyApiException? error = null)
            where T : TallyfyOperationResult =>
            Fill(result, PerformedBy(user), error?.StatusCode, error?.RequestId, message, attempts, organizationId);

        /// <summary>The message of a refusal or failure, as its error record says it.</summary>
        internal static string MessageOf(ErrorRecord error) => error.ErrorDetails?.Message ?? error.Exception.Message;
    }
}
