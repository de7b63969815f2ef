using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Wait-TallyfyTask -Status approved|rejected: an approval task reads "completed" whether it was approved or rejected,
    /// so once it is completed, how it ended is read from the activity feed (its newest completion). A task that is not an
    /// approval counts as approved when it is completed.
    /// </summary>
    internal sealed class ApprovalOutcomes
    {
        private const string Approved = "approved";
        private const string Rejected = "rejected";
        private readonly TallyfyApi _api;
        private readonly string _organizationId;
        private readonly bool _wanted;
        private readonly bool _approvedOnly;
        private readonly ConcurrentDictionary<string, string> _outcomes = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public ApprovalOutcomes(TallyfyApi api, string organizationId, IReadOnlyCollection<string> statuses)
        {
            _api = api;
            _organizationId = organizationId;
            // With completed among the statuses every completed task is awaited as it is: how an approval ended is not read
            // (it would turn its completed into approved or rejected, and a rejected approval would then never match).
            _wanted = statuses.Any(s => IsOutcome(s)) && !statuses.Any(s => string.Equals(s, "completed", StringComparison.OrdinalIgnoreCase));
            _approvedOnly = _wanted && !statuses.Any(s => string.Equals(s, Rejected, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Reads the task, and for a completed approval (when an outcome is wanted) how its completion ended.</summary>
        public async Task<TallyfyTask> ReadAsync(string id, RequestCounter requests)
        {
            TallyfyTask task = await _api.GetTaskAsync(_organizationId, id, TaskInclude.None, requests).ConfigureAwait(false);
            _outcomes.TryRemove(task.Id, out _);
            if (_wanted && IsCompleted(task))
            {
                string outcome = IsApproval(task)
                    ? await _api.LastCompletionOutcomeAsync(_organizationId, task.Id, requests.Context).ConfigureAwait(false) ?? "completed"
                    : Approved;
                _outcomes[task.Id] = outcome;
            }

            return task;
        }

        /// <summary>The state the wait compares: approved or rejected for a completed approval (when asked for), else the task's status.</summary>
        public string? StatusOf(TallyfyTask task) => _outcomes.TryGetValue(task.Id, out string? outcome) ? outcome : task.Status;

        /// <summary>ApprovalRejected for a rejected approval when only approved is wanted: it will not be approved without being reopened.</summary>
        public ErrorRecord? Refusal(TallyfyTask task)
        {
            if (!_approvedOnly || !string.Equals(StatusOf(task), Rejected, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return Errors.New(ErrorIds.ApprovalRejected, ErrorCategory.InvalidResult, task,
                $"{Noun.Task.Describe(task.Id, task.Title)} was rejected: it will not become approved unless it is reopened.",
                $"Look at why in its comments (Get-TallyfyComment -TaskId {task.Id}) or its activity (Get-TallyfyActivity -TaskId {task.Id}); " +
                $"to ask again, reopen it with Undo-TallyfyTaskCompletion -Id {task.Id}.");
        }

        private static bool IsOutcome(string status) =>
            string.Equals(status, Approved, StringComparison.OrdinalIgnoreCase) || string.Equals(status, Rejected, StringComparison.OrdinalIgnoreCase);

        private static bool IsCompleted(TallyfyTask task) => string.Equals(task.Status, "completed", StringComparison.OrdinalIgnoreCase);

        private static bool IsApproval(TallyfyTask task) => string.Equals(task.TaskType, "approval", StringComparison.OrdinalIgnoreCase);
    }
}
