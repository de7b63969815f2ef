using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Gets the comments of Tallyfy tasks, or of runs (a run's comments are those on the run itself and on its tasks,
    /// read in one request), each with its task, run, author and time. -Open keeps only the open problems.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyComment", HelpUri = HelpLinks.Base + "Get-TallyfyComment.md", DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyComment))]
    public sealed class GetTallyfyCommentCommand : SessionCmdlet
    {
        private const string TaskSet = "TaskId";
        private const string RunSet = "RunId";
        private const string ObjectSet = "InputObject";
        private static readonly string[] RunIdNames = { "RunId", "run_id" };
        private static readonly string[] TaskIdNames = { "Id", "TaskId", "task_id" };

        /// <summary>Ids of the tasks whose comments to get.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TaskSet)]
        [Alias("task_id")]
        [AllowEmptyString]
        [AllowNull]
        public string?[]? TaskId { get; set; }

        /// <summary>Ids of runs whose comments to get; with -TaskId, the run of those tasks.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RunSet)]
        [Parameter(ParameterSetName = TaskSet)]
        [Alias("run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? RunId { get; set; }

        /// <summary>From the pipeline: tasks and runs (or their ids, results and rows).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Only the open problems (label problem, not resolved): what locks their runs, and what Resolve-TallyfyProblem takes.</summary>
        [Parameter]
        public SwitchParameter Open { get; set; }

        /// <summary>Reads in flight at once. Default 16.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        protected override void ProcessRecord() => Guarded(() =>
        {
            var tasks = new InputReader(Noun.TaskToWork, Organization, MyInvocation.MyCommand.Name);
            var runs = new InputReader(Noun.Run.Input, Organization, MyInvocation.MyCommand.Name);
            switch (ParameterSetName)
            {
                case TaskSet:
                    if (RunId != null && RunId.Length > 1)
                    {
                        ThrowTerminatingError(Errors.ConflictingParameters("With -TaskId, -RunId names the one run of those tasks, and several were given.",
                            "Pass one -RunId, or the runs alone (Get-TallyfyComment -RunId ...) for all their comments."));
                    }

                    string? runId = RunId is null ? null : Ids.Normalize(RunId[0]);
                    if (RunId != null && runId is null)
                    {
                        ThrowTerminatingError(Errors.InvalidId(Noun.Run, RunId[0], RunId[0]));
                    }

                    foreach (WorkItem item in tasks.FromIds(TaskId))
                    {
                        OfTask(WorkTasks.Attach(item, runId));
                    }

                    break;
                case RunSet:
                    foreach (WorkItem item in runs.FromIds(RunId))
                    {
                        OfRun(item);
                    }

                    break;
                default:
                    foreach (PSObject? input in InputObject ?? new PSObject?[] { null })
                    {
                        if (IsRun(input))
                        {
                            OfRun(runs.FromObjects(new[] { input }).Single());
                        }
                        else
                        {
                            OfTask(WorkTasks.Attach(tasks.FromObjects(new[] { input }).Single(), null));
                        }
                    }

                    break;
            }
        });

        protected override void EndProcessing() => Guarded(() =>
        {
            Queue(ThrottleLimit).Drain();
            Completed();
        });

        private void OfTask(WorkItem item)
        {
            string org = Organization;
            TallyfyOperations api = Ops;
            string? runId = WorkTasks.TaskOf(item)?.RunId ?? item.RunId;
            Queue(ThrottleLimit).Add(new ReadEntry<IReadOnlyList<TallyfyComment>>(this, item, Noun.Task,
                async requests => await WithAuthors(api, org, Kept(await api.GetTaskCommentsAsync(org, item.Id, runId, requests).ConfigureAwait(false)), requests).ConfigureAwait(false), enumerate: true));
        }

        private void OfRun(WorkItem item)
        {
            string org = Organization;
            TallyfyOperations api = Ops;
            Queue(ThrottleLimit).Add(new ReadEntry<IReadOnlyList<TallyfyComment>>(this, item, Noun.Run,
                async requests => await WithAuthors(api, org, Kept(await api.GetRunCommentsAsync(org, item.Id, requests).ConfigureAwait(false)), requests).ConfigureAwait(false), enumerate: true));
        }

        /// <summary>The comments -Open keeps: the open problems (all of them without -Open).</summary>
        private IReadOnlyList<TallyfyComment> Kept(IReadOnlyList<TallyfyComment> comments) =>
            Open ? comments.Where(c => c.IsOpenProblem).ToList() : comments;

        /// <summary>Each comment's author as a member (the members are read once per session).</summary>
        private static async Task<IReadOnlyList<TallyfyComment>> WithAuthors(TallyfyOperations api, string org, IReadOnlyList<TallyfyComment> comments, RequestCounter requests)
        {
            foreach (TallyfyComment comment in comments)
            {
                if (comment.AuthorId is long id)
                {
                    comment.Author = await api.People(org).UserByIdAsync(id, requests.Context).ConfigureAwait(false);
                }
            }

            return comments;
        }

        /// <summary>A run (or run result, or an object naming only a run), whose comments are its tasks'.</summary>
        private static bool IsRun(PSObject? input)
        {
            object? value = input?.BaseObject;
            if (value is TallyfyRun || value is TallyfyRunRemovalResult || value is TallyfyRunRestoreResult)
            {
                return true;
            }

            if (value is null || value is string || value is TallyfyTask || value is TallyfyComment || value is TallyfyTaskCompletionResult || input is null)
            {
                return false;
            }

            return RunIdNames.Any(n => input.Properties[n] != null) && !TaskIdNames.Any(n => input.Properties[n] != null);
        }
    }
}
