using System.Collections.Generic;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Turns what was bound to -Id / -InputObject into work items, refusing bad ones before any request.</summary>
    internal static class InputReader
    {
        public static IEnumerable<WorkItem> FromIds(string[]? ids, string noun)
        {
            if (ids is null)
            {
                yield return Refused(noun, null);
                yield break;
            }

            foreach (string raw in ids)
            {
                string? id = Ids.Normalize(raw);
                yield return id is null ? Refused(noun, raw) : new WorkItem { Id = id, Target = raw };
            }
        }

        public static IEnumerable<WorkItem> FromRuns(TallyfyRun[]? runs, string organizationId)
        {
            foreach (TallyfyRun? run in runs ?? new TallyfyRun[0])
            {
                if (run is null)
                {
                    continue;
                }

                string? id = Ids.Normalize(run.Id);
                if (id is null)
                {
                    yield return Refused("run", run.Id, run);
                    continue;
                }

                yield return new WorkItem
                {
                    Id = id,
                    Name = run.Name,
                    KnownArchived = run.IsArchived,
                    FromObject = true,
                    Target = run,
                    Refusal = OrganizationMismatch("run", run.OrganizationId, organizationId, id, run),
                };
            }
        }

        public static IEnumerable<WorkItem> FromTasks(TallyfyTask[]? tasks, string organizationId)
        {
            foreach (TallyfyTask? task in tasks ?? new TallyfyTask[0])
            {
                if (task is null)
                {
                    continue;
                }

                string? id = Ids.Normalize(task.Id);
                if (id is null)
                {
                    yield return Refused("task", task.Id, task);
                    continue;
                }

                yield return new WorkItem
                {
                    Id = id,
                    Name = task.Title,
                    KnownArchived = task.IsArchived,
                    RunId = task.RunId,
                    FromObject = true,
                    Target = task,
                    Refusal = OrganizationMismatch("task", task.OrganizationId, organizationId, id, task),
                };
            }
        }

        private static WorkItem Refused(string noun, string? raw, object? target = null) => new WorkItem
        {
            Id = raw ?? string.Empty,
            Target = target ?? raw,
            Refusal = TallyfyCmdlet.InvalidId(noun, raw, target ?? raw),
        };

        internal static ErrorRecord? OrganizationMismatch(string noun, string? objectOrg, string organizationId, string id, object target)
        {
            if (string.IsNullOrEmpty(objectOrg) || string.Equals(objectOrg, organizationId, System.StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            string message = $"The {noun} {id} belongs to organization {objectOrg}, but this command acts on organization {organizationId}. Nothing was sent for it.";
            return new ErrorRecord(new System.InvalidOperationException(message), "OrganizationMismatch", ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = $"Pass -OrganizationId {objectOrg} (or a session of that organization with -Session).",
                },
            };
        }
    }
}
