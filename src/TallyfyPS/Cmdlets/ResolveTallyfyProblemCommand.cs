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
    public sealed class ResolveTallyfyProblemCommand : RecordInputCmdlet
    {
        private const string TaskSet = "TaskId";
        private const string RunSet = "RunId";
        private static readonly InputKind Problems = new InputKind(Noun.Problem, Noun.Comment.Input.IdNames, Noun.Comment.Input.Normalize, (value, kind) => null);
        private static readonly BulkAction ResolveAction = new BulkAction(Problems, null, "Resolve", "Resolving Tallyfy problems", irreversible: false);

        private BulkPipeline<ProblemItem?, ProblemOutcome>? _bulk;

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

        /// <summary>
        /// A file that records each item's outcome the moment it is known. Run the same command again with the same
        /// journal (after a crash, a restart, Ctrl+C) and items already settled get their recorded result, with nothing
        /// sent for them.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Journal { get; set; }

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

            if (ThreadId != null && Noun.Comment.Input.Normalize(ThreadId) is null)
            {
                ThrowTerminatingError(Errors.InvalidId(Noun.Comment, ThreadId, ThreadId));
            }

            base.BeginProcessing();
            _bulk = new BulkPipeline<ProblemItem?, ProblemOutcome>(this, Organization, CurrentSession.User, ResolveAction, new Resolving(this), ThrottleLimit, Journal);
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount(ParameterSetName == RunSet ? RunId : TaskId));

        protected override void EndProcessing() => _bulk!.Finish();

        // ------------------------------------------------------------------ what each item is

        /// <summary>What an item is: a problem, or a task or run that -All found no open problem on.</summary>
        private abstract class ProblemItem
        {
            public string? TaskId { get; set; }
            public string? RunId { get; set; }
        }

        /// <summary>One problem: its thread, and where it is (a task, or the run itself when TaskId is null).</summary>
        private sealed class ProblemRef : ProblemItem
        {
            public string ThreadId { get; set; } = string.Empty;

            /// <summary>The thread as read (null until read, or when the id names no thread there).</summary>
            public TallyfyComment? Thread { get; set; }

            /// <summary>True when <see cref="Thread"/> was read by this call (-All): no second read.</summary>
            public bool Fresh { get; set; }
        }

        /// <summary>A task or run that -All found no open problem on (or could not read).</summary>
        private sealed class NoProblem : ProblemItem
        {
            public TallyfyApiException? ReadError { get; set; }
            public int Sent { get; set; }
        }

        /// <summary>Resolving one problem (the item's state: the problem, or the task or run that has none).</summary>
        private sealed class Resolving : IBulkOperation<ProblemItem?, ProblemOutcome>, IDescribesItems<ProblemItem?>
        {
            private readonly ResolveTallyfyProblemCommand _cmdlet;

            public Resolving(ResolveTallyfyProblemCommand cmdlet) => _cmdlet = cmdlet;

            private TallyfyOperations Ops => _cmdlet.Ops;

            private string Organization => _cmdlet.Organization;

            // ------------------------------------------------------------------ the input

            public IEnumerable<WorkItem<ProblemItem?>> Read(InputReader input)
            {
                string command = _cmdlet.MyInvocation.MyCommand.Name;
                var tasks = new InputReader(Noun.TaskToWork, Organization, command);
                var runs = new InputReader(Noun.Run.Input, Organization, command);
                switch (_cmdlet.ParameterSetName)
                {
                    case TaskSet:
                        return tasks.FromIds(_cmdlet.TaskId).SelectMany(t => t.Refusal != null ? new[] { Refused(t) } : Expand(t, t.Id, null));
                    case RunSet:
                        return runs.FromIds(_cmdlet.RunId).SelectMany(r => r.Refusal != null ? new[] { Refused(r) } : Expand(r, null, r.Id));
                    default:
                        return (_cmdlet.InputObject ?? new PSObject?[] { null }).SelectMany(i => FromObject(i, tasks, runs)).ToList();
                }
            }

            private static WorkItem<ProblemItem?> Refused(WorkItem item) => new WorkItem<ProblemItem?>(item, null);

            /// <summary>A piped object: a problem comment (or a result of Add-TallyfyComment -Label problem), a run, or a task.</summary>
            private IEnumerable<WorkItem<ProblemItem?>> FromObject(PSObject? input, InputReader tasks, InputReader runs)
            {
                object? value = input?.BaseObject;
                TallyfyComment? comment = value as TallyfyComment ?? (value as TallyfyCommentResult)?.Comment;
                if (comment != null)
                {
                    var item = new WorkItem<ProblemItem?>(comment.Id, input, new ProblemRef { TaskId = comment.TaskId, RunId = comment.RunId, ThreadId = comment.Id });
                    item.Known = new RecordState(KnownState.Unknown, comment.Content, null, comment.RunId);
                    if (!string.Equals(comment.Label, "problem", StringComparison.OrdinalIgnoreCase))
                    {
                        item.Refusal = Errors.NotAProblem(Subject(item), comment.Label, input);
                    }

                    return new[] { item };
                }

                if (value is TallyfyRun || value is TallyfyRunRemovalResult || value is TallyfyRunRestoreResult)
                {
                    WorkItem run = runs.FromObjects(new[] { input }).Single();
                    return run.Refusal != null ? new[] { Refused(run) } : Which(run, null, run.Id);
                }

                WorkItem task = WorkTasks.Attach(tasks.FromObjects(new[] { input }).Single(), null);
                return task.Refusal != null ? new[] { Refused(task) } : Which(task, task.Id, WorkTasks.TaskOf(task)?.RunId ?? task.RunId);
            }

            /// <summary>A piped task or run: -ThreadId or -All says which of its problems.</summary>
            private IEnumerable<WorkItem<ProblemItem?>> Which(WorkItem input, string? taskId, string? runId)
            {
                if (_cmdlet.ThreadId is null && !_cmdlet.All)
                {
                    input.Refusal = Errors.ConflictingParameters($"{(taskId is null ? Noun.Run : Noun.Task).Describe(input.Id, input.Name)} came in, and which of its problems to resolve is not said. Nothing was sent for it.",
                        "Add -All (every open problem) or -ThreadId, or pipe the problems themselves: Get-TallyfyComment -Open | Resolve-TallyfyProblem -Text '...'.");
                    return new[] { Refused(input) };
                }

                return Expand(input, taskId, runId);
            }

            /// <summary>The problems of a task or run: the one -ThreadId names, or every open one (read now) with -All.</summary>
            private IEnumerable<WorkItem<ProblemItem?>> Expand(WorkItem input, string? taskId, string? runId)
            {
                if (_cmdlet.ThreadId != null)
                {
                    string id = Noun.Comment.Input.Normalize(_cmdlet.ThreadId)!;
                    return new[] { new WorkItem<ProblemItem?>(id, input.Target, new ProblemRef { TaskId = taskId, RunId = runId, ThreadId = id }) };
                }

                return OpenProblems(input, taskId, runId);
            }

            /// <summary>-All: the open problems of a task or run, read on the pipeline thread when the input arrives.</summary>
            private IEnumerable<WorkItem<ProblemItem?>> OpenProblems(WorkItem input, string? taskId, string? runId)
            {
                string org = Organization;
                TallyfyOperations ops = Ops;
                RequestCounter? counter = null;
                IReadOnlyList<TallyfyComment> threads;
                try
                {
                    threads = _cmdlet.Run(context => ops.GetThreadsAsync(org, taskId, runId, counter = context.NewCounter()));
                }
                catch (TallyfyApiException ex)
                {
                    return new[] { new WorkItem<ProblemItem?>(input.Id, input.Target, new NoProblem { TaskId = taskId, RunId = runId, ReadError = ex, Sent = counter?.Sent ?? 0 }) };
                }

                var open = threads.Where(t => t.IsOpenProblem).Select(t =>
                {
                    var item = new WorkItem<ProblemItem?>(t.Id, input.Target, new ProblemRef { TaskId = t.TaskId, RunId = t.RunId ?? runId, ThreadId = t.Id, Thread = t, Fresh = true });
                    item.Known = new RecordState(KnownState.Live, t.Content, null, t.RunId ?? runId);
                    return item;
                }).ToList();
                return open.Count > 0 ? open : new List<WorkItem<ProblemItem?>> { new WorkItem<ProblemItem?>(input.Id, input.Target, new NoProblem { TaskId = taskId, RunId = runId }) };
            }

            // ------------------------------------------------------------------ the operation

            // A problem not read by this call (-ThreadId, a piped comment) is read first: where it is, and whether it is still open.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<ProblemItem?> item, bool nameWanted) =>
                item.State is ProblemRef { Fresh: false } problem ? requests => ReadAsync(problem, Organization, requests) : (Func<RequestCounter, Task<RecordState>>?)null;

            private async Task<RecordState> ReadAsync(ProblemRef problem, string organizationId, RequestCounter requests)
            {
                IReadOnlyList<TallyfyComment> threads = await Ops.GetThreadsAsync(organizationId, problem.TaskId, problem.RunId, requests).ConfigureAwait(false);
                problem.Thread = threads.FirstOrDefault(t => t.Id == problem.ThreadId);
                if (problem.Thread != null)
                {
                    problem.TaskId = problem.Thread.TaskId;
                    problem.RunId = problem.Thread.RunId ?? problem.RunId;
                }

                return new RecordState(problem.Thread is null ? KnownState.Missing : KnownState.Live, problem.Thread?.Content, null, problem.RunId);
            }

            public Verdict<ProblemOutcome> Decide(WorkItem<ProblemItem?> item) =>
                Refuse(item) is ErrorRecord refusal ? Verdict<ProblemOutcome>.Refuse(refusal) : Verdict<ProblemOutcome>.SettleIf(Settle(item));

            private static ErrorRecord? Refuse(WorkItem<ProblemItem?> item)
            {
                if (!(item.State is ProblemRef problem))
                {
                    return null;
                }

                if (problem.Thread is null)
                {
                    return Errors.ProblemNotFound(Where(problem), problem.ThreadId, item.Target);
                }

                return problem.Thread.Label is string label && !string.Equals(label, "problem", StringComparison.OrdinalIgnoreCase)
                    ? Errors.NotAProblem(Subject(item), label, item.Target)
                    : null;
            }

            private static ProblemOutcome? Settle(WorkItem<ProblemItem?> item)
            {
                if (item.State is NoProblem none)
                {
                    var outcome = new ProblemOutcome { Status = ChangeStatus.Skipped, Message = $"{Where(none)} has no open problem; nothing was sent." };
                    if (none.ReadError != null)
                    {
                        outcome.Fail(none.ReadError, none.Sent);
                    }

                    return outcome;
                }

                var problem = (ProblemRef)item.State!;
                return problem.Thread?.ResolveId is string resolvedBy
                    ? new ProblemOutcome { Name = problem.Thread.Content, Status = ChangeStatus.Existing, ResolutionId = resolvedBy, Message = "It is resolved already; nothing was sent." }
                    : null;
            }

            public Task<ProblemOutcome> SendAsync(WorkItem<ProblemItem?> item, RequestCounter requests)
            {
                var problem = (ProblemRef)item.State!;
                return Ops.ResolveProblemAsync(Organization, problem.TaskId, problem.RunId, problem.ThreadId, _cmdlet.Text, requests);
            }

            public object? Output(WorkItem<ProblemItem?> item, ProblemOutcome? outcome)
            {
                if (outcome is null)
                {
                    // A refused problem is in the output as well as its error.
                    var refused = item.State as ProblemRef;
                    return new TallyfyProblemResult
                    {
                        ThreadId = refused?.ThreadId ?? string.Empty,
                        TaskId = refused?.TaskId,
                        RunId = refused?.RunId,
                        Problem = refused?.Thread?.Content ?? item.Name,
                        Status = TallyfyProblemStatus.Refused,
                    };
                }

                if (item.State is NoProblem none)
                {
                    return new TallyfyProblemResult
                    {
                        TaskId = none.TaskId,
                        RunId = none.RunId,
                        Status = none.ReadError is null ? TallyfyProblemStatus.NothingToResolve : StatusOf(outcome.Status),
                    };
                }

                var problem = (ProblemRef)item.State!;
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

            public ItemWords Describe(WorkItem<ProblemItem?> item) => new ItemWords(Target(item), Subject(item), CheckAdvice(item));

            private static string Short(string text) => TextRules.Shown(text.Length > 60 ? text.Substring(0, 57) + "..." : text);

            private static string Where(ProblemItem problem) => problem.TaskId != null ? $"Task {problem.TaskId}" : $"Run {problem.RunId}";

            private static string Target(WorkItem<ProblemItem?> item) => item.State switch
            {
                ProblemRef p => (item.Name is null ? $"problem {p.ThreadId}" : $"problem '{Short(item.Name)}' (thread {p.ThreadId})") +
                    (p.TaskId != null ? $" on task {p.TaskId}" : $" on run {p.RunId}"),
                _ => $"{item.Id}",
            };

            private static string Subject(WorkItem<ProblemItem?> item) => item.State switch
            {
                ProblemRef p => $"Problem {p.ThreadId} {(p.TaskId != null ? $"on task {p.TaskId}" : $"on run {p.RunId}")}",
                NoProblem n => Where(n),
                _ => Noun.Problem.Describe(item.Id, item.Name),
            };

            private static string CheckAdvice(WorkItem<ProblemItem?> item) => item.State is ProblemItem p
                ? $"Check with Get-TallyfyComment {(p.TaskId != null ? $"-TaskId {p.TaskId}" : $"-RunId {p.RunId}")} -Open."
                : "Check with Get-TallyfyComment -Open.";
        }
    }
}
