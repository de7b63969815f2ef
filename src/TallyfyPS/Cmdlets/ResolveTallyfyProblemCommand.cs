using System;
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
    /// Resolves problems reported on Tallyfy tasks or runs (Tallyfy's resolved-threads), which unlocks their runs. One
    /// problem by -ThreadId, or every open one with -All; from the pipeline, problem comments (Get-TallyfyComment -Open),
    /// tasks and runs. One result per problem (Resolved, AlreadyResolved, NotFound, ...).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "TallyfyProblem", HelpUri = HelpLinks.Base + "Resolve-TallyfyProblem.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ObjectSet)]
    [OutputType(typeof(TallyfyProblemResult))]
    public sealed class ResolveTallyfyProblemCommand : RecordBulkCmdlet<ProblemOutcome>
    {
        private const string TaskSet = "TaskId";
        private const string RunSet = "RunId";
        private static readonly InputKind Problems = new InputKind(Noun.Problem, InputKind.Comment.IdNames, InputKind.Comment.Normalize, (value, kind) => null);
        private static readonly BulkAction ResolveAction = new BulkAction(Problems, null, "Resolve", "Resolving Tallyfy problems", irreversible: false);

        /// <summary>Ids of the tasks whose problems to resolve.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TaskSet)]
        [Alias("task_id")]
        [AllowEmptyString]
        [AllowNull]
        public string?[]? TaskId { get; set; }

        /// <summary>Ids of the runs whose problems to resolve (those on the run itself and on its tasks).</summary>
        [Parameter(Mandatory = true, ParameterSetName = RunSet)]
        [Alias("run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? RunId { get; set; }

        /// <summary>The problem to resolve (its comment id); with -TaskId or -RunId, or with piped tasks and runs.</summary>
        [Parameter]
        [Alias("CommentId")]
        [ValidateNotNullOrEmpty]
        public string? ThreadId { get; set; }

        /// <summary>Resolve every open problem of the tasks or runs.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>The resolution's text (Tallyfy shows it under the problem).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Content")]
        [ValidateNotNullOrEmpty]
        [TextArgument(MultiLine = true)]
        public string Text { get; set; } = string.Empty;

        internal override BulkAction Action => ResolveAction;

        internal override string?[]? IdArgument => ParameterSetName == RunSet ? RunId : TaskId;

        protected override void BeginProcessing()
        {
            if (ThreadId != null && All)
            {
                ThrowTerminatingError(Errors.ConflictingParameters("-ThreadId and -All were both given.", "Pass -ThreadId for one problem, or -All for every open one."));
            }

            if (ParameterSetName != ObjectSet && ThreadId is null && !All)
            {
                ThrowTerminatingError(Errors.ConflictingParameters("Which problems to resolve is not said.",
                    "Add -ThreadId <id> for one problem (Get-TallyfyComment -Open lists them), or -All for every open one."));
            }

            if (ThreadId != null && InputKind.Comment.Normalize(ThreadId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Comment, ThreadId, ThreadId));
            }

            base.BeginProcessing();
        }

        // ------------------------------------------------------------------ what each item is

        /// <summary>One problem: its thread, and where it is (a task, or the run itself when TaskId is null).</summary>
        private sealed class ProblemRef
        {
            public string? TaskId { get; set; }
            public string? RunId { get; set; }
            public string ThreadId { get; set; } = string.Empty;

            /// <summary>The thread as read (null until read, or when the id names no thread there).</summary>
            public TallyfyComment? Thread { get; set; }

            /// <summary>True when <see cref="Thread"/> was read by this call (-All): no second read.</summary>
            public bool Fresh { get; set; }
        }

        /// <summary>A task or run that -All found no open problem on (or could not read).</summary>
        private sealed class NoProblem
        {
            public string? TaskId { get; set; }
            public string? RunId { get; set; }
            public TallyfyApiException? ReadError { get; set; }
            public int Sent { get; set; }
        }

        internal override IEnumerable<WorkItem> ReadInput(InputReader reader)
        {
            var tasks = new InputReader(InputKind.WorkTask, Organization, MyInvocation.MyCommand.Name);
            var runs = new InputReader(InputKind.Run, Organization, MyInvocation.MyCommand.Name);
            switch (ParameterSetName)
            {
                case TaskSet:
                    return tasks.FromIds(TaskId).SelectMany(t => t.Refusal != null ? new[] { t } : Expand(t, t.Id, null));
                case RunSet:
                    return runs.FromIds(RunId).SelectMany(r => r.Refusal != null ? new[] { r } : Expand(r, null, r.Id));
                default:
                    return (InputObject ?? new PSObject?[] { null }).SelectMany(input => FromObject(input, tasks, runs)).ToList();
            }
        }

        /// <summary>A piped object: a problem comment (or a result of Add-TallyfyComment -Label problem), a run, or a task.</summary>
        private IEnumerable<WorkItem> FromObject(PSObject? input, InputReader tasks, InputReader runs)
        {
            object? value = input?.BaseObject;
            TallyfyComment? comment = value as TallyfyComment ?? (value as TallyfyCommentResult)?.Comment;
            if (comment != null)
            {
                var item = new WorkItem(comment.Id, input) { Data = new ProblemRef { TaskId = comment.TaskId, RunId = comment.RunId, ThreadId = comment.Id } };
                item.Known = new RecordState(KnownState.Unknown, comment.Content, null, comment.RunId);
                if (!string.Equals(comment.Label, "problem", StringComparison.OrdinalIgnoreCase))
                {
                    item.Refusal = Errors.NotAProblem(Subject(item, comment.Content), comment.Label, input);
                }

                return new[] { item };
            }

            if (value is TallyfyRun || value is TallyfyRunRemovalResult || value is TallyfyRunRestoreResult)
            {
                WorkItem run = runs.FromObjects(new[] { input }).Single();
                return run.Refusal != null ? new[] { run } : Which(run, null, run.Id);
            }

            WorkItem task = WorkTasks.Attach(tasks.FromObjects(new[] { input }).Single(), null);
            return task.Refusal != null ? new[] { task } : Which(task, task.Id, (task.Data as TallyfyTask)?.RunId ?? task.RunId);
        }

        /// <summary>A piped task or run: -ThreadId or -All says which of its problems.</summary>
        private IEnumerable<WorkItem> Which(WorkItem input, string? taskId, string? runId)
        {
            if (ThreadId is null && !All)
            {
                input.Refusal = Errors.ConflictingParameters($"{(taskId is null ? Noun.Run : Noun.Task).Describe(input.Id, input.Name)} came in, and which of its problems to resolve is not said. Nothing was sent for it.",
                    "Add -All (every open problem) or -ThreadId, or pipe the problems themselves: Get-TallyfyComment -Open | Resolve-TallyfyProblem -Text '...'.");
                return new[] { input };
            }

            return Expand(input, taskId, runId);
        }

        /// <summary>The problems of a task or run: the one -ThreadId names, or every open one (read now) with -All.</summary>
        private IEnumerable<WorkItem> Expand(WorkItem input, string? taskId, string? runId)
        {
            if (ThreadId != null)
            {
                string id = InputKind.Comment.Normalize(ThreadId)!;
                return new[] { new WorkItem(id, input.Target) { Data = new ProblemRef { TaskId = taskId, RunId = runId, ThreadId = id } } };
            }

            return OpenProblems(input, taskId, runId);
        }

        private IEnumerable<WorkItem> OpenProblems(WorkItem input, string? taskId, string? runId)
        {
            string org = Organization;
            TallyfyOperations api = Ops;
            RequestCounter? counter = null;
            IReadOnlyList<TallyfyComment> threads;
            try
            {
                threads = Run(context => api.GetThreadsAsync(org, taskId, runId, counter = context.NewCounter()));
            }
            catch (TallyfyApiException ex)
            {
                return new[] { new WorkItem(input.Id, input.Target) { Data = new NoProblem { TaskId = taskId, RunId = runId, ReadError = ex, Sent = counter?.Sent ?? 0 } } };
            }

            var open = threads.Where(t => t.IsOpenProblem).Select(t =>
            {
                var item = new WorkItem(t.Id, input.Target) { Data = new ProblemRef { TaskId = t.TaskId, RunId = t.RunId ?? runId, ThreadId = t.Id, Thread = t, Fresh = true } };
                item.Known = new RecordState(KnownState.Live, t.Content, null, t.RunId ?? runId);
                return item;
            }).ToList();
            return open.Count > 0 ? open : new List<WorkItem> { new WorkItem(input.Id, input.Target) { Data = new NoProblem { TaskId = taskId, RunId = runId } } };
        }

        // ------------------------------------------------------------------ the operation

        internal override bool NeedsRead(WorkItem item) => item.Data is ProblemRef { Fresh: false };

        internal override async Task<RecordState> ReadAsync(WorkItem item, string organizationId, RequestCounter requests)
        {
            var problem = (ProblemRef)item.Data!;
            IReadOnlyList<TallyfyComment> threads = await Ops.GetThreadsAsync(organizationId, problem.TaskId, problem.RunId, requests).ConfigureAwait(false);
            problem.Thread = threads.FirstOrDefault(t => t.Id == problem.ThreadId);
            if (problem.Thread != null)
            {
                problem.TaskId = problem.Thread.TaskId;
                problem.RunId = problem.Thread.RunId ?? problem.RunId;
            }

            return new RecordState(problem.Thread is null ? KnownState.Missing : KnownState.Live, problem.Thread?.Content, null, problem.RunId);
        }

        internal override ErrorRecord? Refuse(WorkItem item)
        {
            if (!(item.Data is ProblemRef problem))
            {
                return null;
            }

            if (problem.Thread is null)
            {
                return Errors.ProblemNotFound(Where(problem), problem.ThreadId, item.Target);
            }

            return problem.Thread.Label is string label && !string.Equals(label, "problem", StringComparison.OrdinalIgnoreCase)
                ? Errors.NotAProblem(Subject(item, problem.Thread.Content), label, item.Target)
                : null;
        }

        internal override ProblemOutcome? Settle(WorkItem item)
        {
            if (item.Data is NoProblem none)
            {
                var outcome = new ProblemOutcome { Status = ChangeStatus.Skipped, Message = $"{Where(none.TaskId, none.RunId)} has no open problem; nothing was sent." };
                if (none.ReadError != null)
                {
                    outcome.Fail(none.ReadError, none.Sent);
                }

                return outcome;
            }

            var problem = (ProblemRef)item.Data!;
            return problem.Thread?.ResolveId is string resolvedBy
                ? new ProblemOutcome { Name = problem.Thread.Content, Status = ChangeStatus.Existing, ResolutionId = resolvedBy, Message = "It is resolved already; nothing was sent." }
                : null;
        }

        internal override Task<ProblemOutcome> SendAsync(WorkItem item, RequestCounter requests)
        {
            var problem = (ProblemRef)item.Data!;
            return Ops.ResolveProblemAsync(Organization, problem.TaskId, problem.RunId, problem.ThreadId, Text, requests);
        }

        internal override TallyfyOperationResult ToResult(WorkItem item, ProblemOutcome outcome)
        {
            if (item.Data is NoProblem none)
            {
                return new TallyfyProblemResult
                {
                    TaskId = none.TaskId,
                    RunId = none.RunId,
                    Status = none.ReadError is null ? TallyfyProblemStatus.NothingToResolve : StatusOf(outcome.Status),
                };
            }

            var problem = (ProblemRef)item.Data!;
            return new TallyfyProblemResult
            {
                ThreadId = problem.ThreadId,
                TaskId = problem.TaskId,
                RunId = problem.RunId,
                Problem = problem.Thread?.Content ?? item.Name,
                Status = StatusOf(outcome.Status),
                ResolutionId = outcome.ResolutionId,
                Resolution = outcome.Status == ChangeStatus.Done ? outcome.Record : null,
            };
        }

        internal override TallyfyOperationResult? RefusedResult(WorkItem item, ErrorRecord refusal)
        {
            var problem = item.Data as ProblemRef;
            return new TallyfyProblemResult
            {
                ThreadId = problem?.ThreadId ?? string.Empty,
                TaskId = problem?.TaskId,
                RunId = problem?.RunId,
                Problem = problem?.Thread?.Content ?? item.Name,
                Status = TallyfyProblemStatus.Refused,
            };
        }

        private static TallyfyProblemStatus StatusOf(ChangeStatus status) => status switch
        {
            ChangeStatus.Done => TallyfyProblemStatus.Resolved,
            ChangeStatus.Existing => TallyfyProblemStatus.AlreadyResolved,
            ChangeStatus.NotFound => TallyfyProblemStatus.NotFound,
            ChangeStatus.Forbidden => TallyfyProblemStatus.Forbidden,
            ChangeStatus.Skipped => TallyfyProblemStatus.Skipped,
            ChangeStatus.NotAttempted => TallyfyProblemStatus.NotAttempted,
            ChangeStatus.Unknown => TallyfyProblemStatus.Unknown,
            _ => TallyfyProblemStatus.Failed,
        };

        // ------------------------------------------------------------------ how items are named

        private static string Short(string text) => TextRules.Shown(text.Length > 60 ? text.Substring(0, 57) + "..." : text);

        private static string Where(string? taskId, string? runId) => taskId != null ? $"Task {taskId}" : $"Run {runId}";

        private static string Where(ProblemRef problem) => Where(problem.TaskId, problem.RunId);

        internal override string Target(WorkItem item) => item.Data switch
        {
            ProblemRef p => (item.Name is null ? $"problem {p.ThreadId}" : $"problem '{Short(item.Name)}' (thread {p.ThreadId})") +
                (p.TaskId != null ? $" on task {p.TaskId}" : $" on run {p.RunId}"),
            _ => $"{item.Id}",
        };

        internal override string Subject(WorkItem item, string? name) => item.Data switch
        {
            ProblemRef p => $"Problem {p.ThreadId} {(p.TaskId != null ? $"on task {p.TaskId}" : $"on run {p.RunId}")}",
            NoProblem n => Where(n.TaskId, n.RunId),
            _ => base.Subject(item, name),
        };

        internal override string CheckAdvice(WorkItem item) => item.Data is ProblemRef p
            ? $"Check with Get-TallyfyComment {(p.TaskId != null ? $"-TaskId {p.TaskId}" : $"-RunId {p.RunId}")} -Open."
            : base.CheckAdvice(item);
    }
}
