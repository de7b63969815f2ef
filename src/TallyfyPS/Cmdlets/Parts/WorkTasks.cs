using System;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>What the input of the task-working cmdlets says of a task beyond its id: its run, and the task itself.</summary>
    internal static class WorkTasks
    {
        private static readonly string[] RunIdNames = { "RunId", "run_id" };

        /// <summary>Keeps a TallyfyTask that came in (its status and type spare a read), and the run where only a row or -RunId says it.</summary>
        public static WorkItem Attach(WorkItem item, string? runIdArgument)
        {
            if (item.Refusal != null)
            {
                return item;
            }

            if (item.Target is TallyfyTask)
            {
                return item; // the task itself says (its state is the cmdlet's: TaskOf)
            }

            string? runId = item.Known.RunId ?? RunIdOfRow(item.Target) ?? runIdArgument;
            if (runId != null && runId != item.Known.RunId)
            {
                item.Known = new RecordState(item.Known.State, item.Known.Name, item.Known.ArchivedAt, runId, item.Known.ServerDate);
            }

            return item;
        }

        /// <summary>The task that came in, whose status and type spare a read; null for anything else.</summary>
        public static TallyfyTask? TaskOf(WorkItem item) => item.Refusal is null ? item.Target as TallyfyTask : null;

        /// <summary>The run id a row (an Import-Csv row, a hashtable, a custom object) names, or null.</summary>
        public static string? RunIdOfRow(object? target)
        {
            if (target is null || target is string || target is TallyfyTask || target is TallyfyTaskCompletionResult)
            {
                return null;
            }

            PSObject row = target as PSObject ?? PSObject.AsPSObject(target);
            if (row.BaseObject is System.Collections.IDictionary d)
            {
                foreach (string name in RunIdNames)
                {
                    foreach (object key in d.Keys)
                    {
                        if (string.Equals(key?.ToString(), name, StringComparison.OrdinalIgnoreCase) && Ids.Normalize(d[key]?.ToString()) is string fromKey)
                        {
                            return fromKey;
                        }
                    }
                }

                return null;
            }

            return RunIdNames.Select(n => row.Properties[n]?.Value?.ToString()).Select(Ids.Normalize).FirstOrDefault(v => v != null);
        }
    }
}
