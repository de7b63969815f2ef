using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Every error record the module writes, built once from its parts: a stable id from <see cref="ErrorIds"/>,
    /// the category, a message that names the item, and advice that names only cmdlets that exist.
    /// </summary>
    internal static partial class Errors
    {
        private const string ProxyAdvice =
            "Run Connect-Tallyfy again with -Proxy <proxy address> and -ProxyCredential (Get-Credential) for the proxy's user name and password, " +
            "or -ProxyUseDefaultCredentials to sign in to it as the current Windows user.";

        private const string DefaultForbidden = "Use the token of a user who may do this, or check the organization.";

        public static ErrorRecord NoSession() => New(ErrorIds.NoSession, ErrorCategory.AuthenticationError, null,
            "You are not connected to Tallyfy. Run Connect-Tallyfy first (or pass -Session).",
            "Connect-Tallyfy -OrganizationId <id> -AccessToken (Read-Host 'Tallyfy token' -AsSecureString), or set TALLYFY_ACCESS_TOKEN and TALLYFY_ORG_ID and run Connect-Tallyfy.");

        public static ErrorRecord SessionDisconnected(object? target) => New(ErrorIds.SessionDisconnected, ErrorCategory.AuthenticationError, target,
            "This Tallyfy session was closed by Disconnect-Tallyfy.", "Run Connect-Tallyfy again, and pass the new session.");

        public static ErrorRecord InvalidOrganizationId(string value, string? from = null) => New(ErrorIds.InvalidOrganizationId, ErrorCategory.InvalidArgument, value,
            $"{from ?? "-OrganizationId"} '{Ids.Display(value)}' is not a Tallyfy organization id (32 hexadecimal characters).",
            "Copy the organization id from Tallyfy (Settings > Organization), or leave it out to use the session's.");

        public static ErrorRecord InvalidId(Noun noun, object? value, object? target)
        {
            string text = value as string ?? value?.ToString() ?? string.Empty;
            return New(noun.InvalidId, ErrorCategory.InvalidArgument, target ?? value,
                $"'{Ids.Display(value is null ? null : text)}' is not a valid Tallyfy {noun.Name} id: an id is 32 hexadecimal characters. Nothing was sent for it.",
                $"Pass the {noun.Name}'s id as Tallyfy shows it ({noun.ListHint}).");
        }

        /// <summary>An object from the pipeline that names no id of the kind the cmdlet acts on.</summary>
        public static ErrorRecord InputHasNoId(Noun noun, string command, IReadOnlyList<string> idNames, IEnumerable<string> properties, object target)
        {
            string has = string.Join(", ", properties.Select(p => "'" + p + "'").DefaultIfEmpty("none"));
            string needs = string.Join(", ", idNames.Take(idNames.Count - 1)) + " or " + idNames[idNames.Count - 1];
            return New(ErrorIds.InputHasNoId, ErrorCategory.InvalidArgument, target,
                $"{command} got an object without a {noun.Name} id: it has the properties {has}, and needs one named {needs}. Nothing was sent for it.",
                $"Rename the column (Import-Csv ... | Select-Object @{{ Name = '{idNames[0]}'; Expression = {{ $_.'<your column>' }} }}), or pass ids with -Id.");
        }

        /// <summary>An object whose id properties name different records.</summary>
        public static ErrorRecord InputIdsDisagree(Noun noun, IEnumerable<KeyValuePair<string, string>> values, object target)
        {
            string listed = string.Join(", ", values.Select(v => $"{v.Key} = {Ids.Display(v.Value)}"));
            return New(ErrorIds.InputIdsDisagree, ErrorCategory.InvalidArgument, target,
                $"The object names two different {noun.Name}s ({listed}); TallyfyPS will not guess which one is meant. Nothing was sent for it.",
                "Keep one id column, or make them agree.");
        }

        public static ErrorRecord OrganizationMismatch(Noun noun, string? objectOrg, string organizationId, string id, object target) => New(
            ErrorIds.OrganizationMismatch, ErrorCategory.InvalidArgument, target,
            $"The {noun.Name} {id} belongs to organization {objectOrg}, but this command acts on organization {organizationId}. Nothing was sent for it.",
            $"Pass -OrganizationId {objectOrg} (or a session of that organization with -Session).");

        public static ErrorRecord TaskBelongsToRun(string id, string? title, string runId, string action, object? target) => New(
            ErrorIds.TaskBelongsToRun, ErrorCategory.InvalidOperation, target,
            $"{Noun.Task.Describe(id, title)} belongs to run {runId}. Tallyfy {action} a run's tasks only with their run; nothing was sent.",
            $"Act on the run instead, for example Remove-TallyfyRun -Id {runId} or Restore-TallyfyRun -Id {runId}.");

        public static ErrorRecord ConfirmationRequired(string command, string what, string? why, object? target) => New(
            ErrorIds.ConfirmationRequired, ErrorCategory.InvalidOperation, target,
            $"{command} would ask for confirmation before it {what}, but this PowerShell host cannot prompt{(why is null ? " (it is non-interactive)" : " (" + why + ")")}. Nothing was sent. " +
            "Add -Force or -Confirm:$false to go ahead without prompts, or -WhatIf to see what would be done.",
            "Add -Force or -Confirm:$false.");

        /// <summary>A journal that cannot be used: the call stops before anything is sent.</summary>
        public static ErrorRecord Journal(TallyfyPS.Journal.JournalException ex, string command, bool reading = false)
        {
            string nothing = reading ? string.Empty : " Nothing was sent.";
            switch (ex.Problem)
            {
                case TallyfyPS.Journal.JournalProblem.Mismatch:
                    return New(ErrorIds.JournalMismatch, ErrorCategory.InvalidArgument, ex.Path, ex.Message + nothing,
                        $"Give {command} a journal of its own (a new file name), or run the command that wrote this one.");
                case TallyfyPS.Journal.JournalProblem.InUse:
                    return New(ErrorIds.JournalInUse, ErrorCategory.ResourceBusy, ex.Path, ex.Message + nothing,
                        "Wait for that call to end, or give this one another journal. A lock left by a process that died is released with it.");
                case TallyfyPS.Journal.JournalProblem.Unreadable:
                    return New(ErrorIds.JournalUnreadable, ErrorCategory.InvalidData, ex.Path, ex.Message + nothing,
                        "Give the path of a journal written by -Journal, unchanged; Get-TallyfyJournal reads one.");
                default:
                    return New(ErrorIds.JournalNotWritable, ErrorCategory.WriteError, ex.Path, ex.Message + nothing,
                        "Give a path in a folder that exists and that you can write.");
            }
        }

        public static ErrorRecord AdministratorRequired(string command, string user, string? role, string organization) => New(
            ErrorIds.AdministratorRequired, ErrorCategory.PermissionDenied, null,
            $"{command} -Permanent needs a Tallyfy administrator, and {user} is a{(role != null && "aeiou".IndexOf(char.ToLowerInvariant(role[0])) >= 0 ? "n" : string.Empty)} {role} member of organization {organization}. Nothing was sent: " +
            "Tallyfy would archive each item and then refuse the deletion.",
            $"Run it with an administrator's token (Connect-Tallyfy), or without -Permanent to archive only.");

        /// <summary>
        /// A failed call for one item. <paramref name="message"/> replaces the service's message where the operation
        /// knows better (for example "archived but not permanently deleted: ...").
        /// </summary>
        public static ErrorRecord FromApi(TallyfyApiException ex, Noun noun, string id, string? name, object? target, int attempts,
            string? message = null, string? forbiddenAdvice = null) =>
            FromApi(ex, noun, noun.Describe(id, name), target, attempts, message, forbiddenAdvice);

        /// <summary>A failed call for one item named by <paramref name="subject"/> ("Row 3 ('Onboard Jane')").</summary>
        public static ErrorRecord ForSubject(TallyfyApiException ex, Noun noun, string subject, object? target, int attempts,
            string? message = null, string? forbiddenAdvice = null) =>
            FromApi(ex, noun, subject, target, attempts, message, forbiddenAdvice);

        /// <summary>A record that could not be created ("New task 'Rotate keys' could not be created: ...").</summary>
        public static ErrorRecord CreateFailed(TallyfyApiException ex, Noun noun, string name, object? target, int attempts) =>
            FromApi(ex, noun, $"New {noun.Name} '{name}' could not be created", target, attempts, null, null);

        private static ErrorRecord FromApi(TallyfyApiException ex, Noun noun, string subject, object? target, int attempts, string? message, string? forbiddenAdvice)
        {
            (string errorId, ErrorCategory category, string advice) = Classify(ex, noun, forbiddenAdvice);
            string text = $"{subject}: {message ?? ex.Message}";
            if (ex.GaveUp && attempts > 1)
            {
                text += $" (gave up after {attempts} requests)";
            }

            if (ex.RequestId != null)
            {
                text += $" (request id {ex.RequestId})";
            }

            return New(errorId, category, target, text, advice, ex);
        }

        /// <summary>A listing that failed part way: what was written stays written.</summary>
        public static ErrorRecord ListFailed(TallyfyApiException ex, Noun noun)
        {
            (string errorId, ErrorCategory category, string advice) = Classify(ex, noun, "Use the token of a user who may see these records, or check the organization.");
            string text = $"Listing failed: {ex.Message}" + (ex.RequestId is null ? string.Empty : $" (request id {ex.RequestId})");
            return New(errorId, category, null, text, advice, ex);
        }

        /// <summary>The one error that explains why the remaining items were not attempted.</summary>
        /// <param name="why">What the service health saw ("Tallyfy has not answered 7 requests in a row over 10 s ...").</param>
        public static ErrorRecord NotAttempted(NotSentReason reason, string why, string command, Noun noun, object? target)
        {
            string text = $"{why}. {command} stopped sending: this {noun.Name} and every later one are reported NotAttempted, and nothing more was sent.";
            switch (reason)
            {
                case NotSentReason.Unauthorized:
                    return New(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, target, text,
                        "The token was refused (expired, revoked, or its user logged out). Create a new token, run Connect-Tallyfy again, and run the command again for the results with Status NotAttempted.");
                case NotSentReason.Forbidden:
                    return New(ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, target, text,
                        "The signed-in user's role does not allow this. Run the command again with the token of a user who may (an administrator), for the results with Status NotAttempted (Where-Object Status -eq NotAttempted).");
                default:
                    return New(ErrorIds.ServiceUnavailable, ErrorCategory.ConnectionError, target, text,
                        "When Tallyfy answers again, run the command again for the results with Status NotAttempted (Where-Object Status -eq NotAttempted).");
            }
        }

        /// <summary>Sign-in failed: the same ids and categories as every other call, with sign-in advice.</summary>
        public static ErrorRecord SignInFailed(TallyfyApiException ex, string credentialSource, Uri baseUri, bool oauth)
        {
            (string errorId, ErrorCategory category, string _) = Classify(ex, Noun.Run, null);
            string where = baseUri.GetLeftPart(UriPartial.Path);
            string text;
            string advice;
            switch (ex.Kind)
            {
                case TallyfyErrorKind.Unauthorized:
                    text = $"Tallyfy refused the credentials ({credentialSource}): {ex.Message.TrimEnd('.')}.";
                    advice = oauth
                        ? "Check the OAuth client id and secret (Tallyfy: Settings > Integrations), then run Connect-Tallyfy again."
                        : "Check the token: tokens expire after about six months and when their user logs out. Create a new one (Settings > Integrations > REST API) and run Connect-Tallyfy again.";
                    break;
                case TallyfyErrorKind.NotFound:
                    errorId = ErrorIds.ApiRootNotFound;
                    category = ErrorCategory.ObjectNotFound;
                    text = $"No Tallyfy API answers at {where} (GET me answered 404): the base URI must be the API root, such as https://go.tallyfy.com/api.";
                    advice = "Pass -BaseUri with the API root (for a local sandbox, the address it prints, ending in /api).";
                    break;
                case TallyfyErrorKind.ProxyAuthenticationRequired:
                    text = $"Could not reach Tallyfy at {where}: {ex.Message.TrimEnd('.')}.";
                    advice = ProxyAdvice;
                    break;
                case TallyfyErrorKind.Transport:
                    text = $"Could not reach Tallyfy at {where}: {ex.Message.TrimEnd('.')}.";
                    advice = "Check the network, a proxy, and the base URI, then run Connect-Tallyfy again.";
                    break;
                default:
                    text = $"Could not sign in to Tallyfy at {where}: {ex.Message.TrimEnd('.')}.";
                    advice = "Check the base URI (a proxy or another service may answer there), then run Connect-Tallyfy again.";
                    break;
            }

            return New(errorId, category, baseUri, text, advice, ex);
        }

        private static (string ErrorId, ErrorCategory Category, string Advice) Classify(TallyfyApiException ex, Noun noun, string? forbiddenAdvice)
        {
            switch (ex.Kind)
            {
                case TallyfyErrorKind.NotFound:
                    return (noun.NotFoundId, ErrorCategory.ObjectNotFound, $"Check the id; {noun.ListHint}.");
                case TallyfyErrorKind.Unauthorized:
                    return (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError,
                        "The token was refused (expired, revoked, or its user logged out). Create a new token and run Connect-Tallyfy again.");
                case TallyfyErrorKind.Forbidden:
                    return (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, forbiddenAdvice ?? DefaultForbidden);
                case TallyfyErrorKind.Invalid:
                    return (ErrorIds.InvalidRequest, ex.StatusCode == 422 ? ErrorCategory.InvalidOperation : ErrorCategory.InvalidArgument,
                        "Tallyfy refused the request as it stands; its message says why.");
                case TallyfyErrorKind.RateLimited:
                    return (ErrorIds.RateLimited, ErrorCategory.LimitsExceeded,
                        "Tallyfy kept throttling after every retry. Run the command again later for the failed items, lower -ThrottleLimit, or raise -MaxRetries on Connect-Tallyfy.");
                case TallyfyErrorKind.ServerError:
                    return (ErrorIds.ServerError, ErrorCategory.ResourceUnavailable,
                        "Tallyfy kept failing after every retry. Run the command again for the failed items later.");
                case TallyfyErrorKind.Transport when ex.ErrorCode == TallyfyApiException.OutcomeUnknownCode:
                    return (ErrorIds.OutcomeUnknown, ErrorCategory.ConnectionError,
                        "Look at the record (the message says how) before you send the change again: Tallyfy may have applied it.");
                case TallyfyErrorKind.Transport:
                    return (ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError,
                        "Check the network and the base URI, then run the command again for the failed items.");
                case TallyfyErrorKind.ProxyAuthenticationRequired:
                    return (ErrorIds.ProxyAuthenticationRequired, ErrorCategory.AuthenticationError, ProxyAdvice);
                case TallyfyErrorKind.InvalidResponse:
                    return (ErrorIds.InvalidResponse, ErrorCategory.InvalidResult,
                        "The answer did not match Tallyfy's API. Check the base URI (a proxy or another service may answer), then retry.");
                case TallyfyErrorKind.NotSent when ex.NotSentReason == NotSentReason.RateLimited:
                    return (ErrorIds.RateLimited, ErrorCategory.LimitsExceeded, ex.Limit is RateLimitInfo limit
                        ? $"Run the command again after {limit.ResetText}; to wait instead, connect with a larger -MaxWaitSec (Connect-Tallyfy)."
                        : "Run the command again later; to wait instead, connect with a larger -MaxWaitSec (Connect-Tallyfy).");
                case TallyfyErrorKind.NotSent:
                    return ex.NotSentReason == NotSentReason.Unauthorized
                        ? (ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, "Create a new token and run Connect-Tallyfy again.")
                        : ex.NotSentReason == NotSentReason.Forbidden
                            ? (ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, "Use the token of a user whose role allows this (an administrator).")
                            : (ErrorIds.ServiceUnavailable, ErrorCategory.ConnectionError, "Run the command again for the failed items when Tallyfy answers.");
                default:
                    return (ErrorIds.RequestFailed, ErrorCategory.InvalidOperation, "Tallyfy refused the request; its message says why.");
            }
        }

        internal static ErrorRecord New(string errorId, ErrorCategory category, object? target, string message, string? advice, Exception? inner = null)
        {
            Exception exception = inner ?? (category == ErrorCategory.InvalidArgument ? new ArgumentException(message) : (Exception)new InvalidOperationException(message));
            return new ErrorRecord(exception, errorId, category, target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = advice },
            };
        }
    }
}
