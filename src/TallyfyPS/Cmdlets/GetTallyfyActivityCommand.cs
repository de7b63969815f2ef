using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Reads Tallyfy's activity feed (the audit log): who did what, when, to a run, task, blueprint or tag, or to
    /// anything in the organization. Entries stream newest first across pages; each actor is resolved to a member
    /// through the session's list of members (read once per session). The feed sends some fields as one-element
    /// arrays and others plain: both are read.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyActivity", HelpUri = HelpLinks.Base + "Get-TallyfyActivity.md", DefaultParameterSetName = OrganizationSet)]
    [Alias("Get-TallyfyAuditLog")]
    [OutputType(typeof(TallyfyActivity))]
    public sealed class GetTallyfyActivityCommand : SessionCmdlet
    {
        private const string OrganizationSet = "Organization";
        private const string RunSet = "RunId";
        private const string TaskSet = "TaskId";
        private const string TemplateSet = "TemplateId";
        private const string ObjectSet = "InputObject";
        private static readonly string[] TaskNames = { "TaskId", "task_id" };
        private static readonly string[] RunNames = { "RunId", "run_id" };
        private static readonly string[] TemplateNames = { "TemplateId", "BlueprintId", "checklist_id" };
        private static readonly string[] TagNames = { "TagId", "tag_id" };

        private Dictionary<long, TallyfyUser>? _actors;
        private bool _actorsTried;
        private bool _orderWarned;
        private long? _actorId;
        private string? _actorEmail;
        private DateTimeOffset? _after;
        private DateTimeOffset? _before;
        private HashSet<string>? _verbs;

        /// <summary>Ids of runs whose activity to read.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = RunSet)]
        [Alias("run_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(RunIdCompleter))]
        public string?[]? RunId { get; set; }

        /// <summary>Ids of tasks whose activity to read.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TaskSet)]
        [Alias("task_id")]
        [AllowEmptyString]
        [AllowNull]
        public string?[]? TaskId { get; set; }

        /// <summary>Ids of blueprints (templates) whose activity to read.</summary>
        [Parameter(Mandatory = true, ParameterSetName = TemplateSet)]
        [Alias("BlueprintId", "checklist_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TemplateIdCompleter))]
        public string?[]? TemplateId { get; set; }

        /// <summary>What to read the activity of, from the pipeline: runs, tasks, blueprints, tags, the results of the bulk cmdlets, or rows with a RunId, TaskId or TemplateId column.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ObjectSet)]
        [AllowNull]
        public PSObject?[]? InputObject { get; set; }

        /// <summary>Only entries of these verbs (archived, deleted, completed, ...): one of the feed's verbs, else InvalidActivityVerb before anything is sent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ActivityVerbCompleter))]
        public string[]? Verb { get; set; }

        /// <summary>Only entries made by this member: a user id, an email, or a user from Get-TallyfyUser.</summary>
        [Parameter]
        [ValidateNotNull]
        [Alias("ActorId", "ActorEmail")]
        [ArgumentCompleter(typeof(UserEmailCompleter))]
        public object? Actor { get; set; }

        /// <summary>Only entries made after this time.</summary>
        [Parameter]
        [Alias("Since")]
        [DateArgument(dateTime: true)]
        public DateTime? After { get; set; }

        /// <summary>Only entries made before this time.</summary>
        [Parameter]
        [Alias("Until")]
        [DateArgument(dateTime: true)]
        public DateTime? Before { get; set; }

        /// <summary>At most this many entries (of each subject), the newest.</summary>
        [Parameter]
        public ulong First { get; set; } = ulong.MaxValue;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _after = After.HasValue ? new DateTimeOffset(After.Value) : (DateTimeOffset?)null;
            _before = Before.HasValue ? new DateTimeOffset(Before.Value) : (DateTimeOffset?)null;
            if (_after.HasValue && _before.HasValue && _after >= _before)
            {
                ThrowTerminatingError(Errors.InvalidDateRange(After!.Value, Before!.Value));
            }

            if (Verb?.FirstOrDefault(v => !ActivityVerbs.IsKnown(v)) is string unknown)
            {
                ThrowTerminatingError(Errors.InvalidActivityVerb(unknown, ActivityVerbs.All, ActivityVerbs.Nearest(unknown)));
            }

            _verbs = Verb is null ? null : new HashSet<string>(Verb.Select(v => v.Trim()), StringComparer.OrdinalIgnoreCase);
            if (Actor != null)
            {
                object actor = Actor is PSObject ps ? ps.BaseObject : Actor;
                string text = Convert.ToString(actor, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
                if (actor is TallyfyUser user)
                {
                    _actorId = user.Id;
                }
                else if (actor is int || actor is long || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0))
                {
                    _actorId = Convert.ToInt64(actor is string ? text : actor, CultureInfo.InvariantCulture);
                }
                else if (text.IndexOf('@') > 0)
                {
                    _actorEmail = text;
                }
                else
                {
                    ThrowTerminatingError(Errors.InvalidUserId("-Actor", Actor));
                }
            }
        }

        protected override void ProcessRecord() => Guarded(() =>
        {
            switch (ParameterSetName)
            {
                case RunSet:
                    ReadEach(new InputReader(Noun.Run.Input, Organization, MyInvocation.MyCommand.Name).FromIds(RunId), "run", Noun.Run);
                    break;
                case TaskSet:
                    ReadEach(new InputReader(Noun.Task.Input, Organization, MyInvocation.MyCommand.Name).FromIds(TaskId), "task", Noun.Task);
                    break;
                case TemplateSet:
                    ReadEach(new InputReader(Noun.TemplateOfActivity, Organization, MyInvocation.MyCommand.Name).FromIds(TemplateId), "checklist", Noun.Template);
                    break;
                case ObjectSet:
                    foreach (PSObject? input in InputObject ?? new PSObject?[] { null })
                    {
                        FromPipeline(input);
                    }

                    break;
                default:
                    Read(new ActivityQuery(), Noun.Activity);
                    break;
            }
        });

        protected override void EndProcessing() => Completed();

        /// <summary>One piped object: what it is decides the subject (a bare id does not say, so it is refused).</summary>
        private void FromPipeline(PSObject? input)
        {
            object? value = input?.BaseObject;
            if (value is null)
            {
                ReadEach(new InputReader(Noun.Run.Input, Organization, MyInvocation.MyCommand.Name).FromObjects(new[] { input }), "run", Noun.Run);
                return;
            }

            if (value is string || value is ValueType)
            {
                WriteError(Errors.AmbiguousActivitySubject(MyInvocation.MyCommand.Name, value));
                return;
            }

            (InputKind kind, string type, Noun noun)? subject = value switch
            {
                TallyfyRun _ or TallyfyRunRemovalResult _ or TallyfyRunRestoreResult _ or TallyfyRunTagResult _ => (Noun.RunToTag, "run", Noun.Run),
                TallyfyLaunchResult _ or TallyfyRunUpdateResult _ => (Noun.Run.Input, "run", Noun.Run),
                TallyfyTask _ or TallyfyTaskRemovalResult _ or TallyfyTaskRestoreResult _ or TallyfyTaskUpdateResult _ or TallyfyTaskCreationResult _ => (Noun.Task.Input, "task", Noun.Task),
                TallyfyTemplate _ => (Noun.TemplateOfActivity, "checklist", Noun.Template),
                TallyfyTag _ or TallyfyTagRemovalResult _ or TallyfyTagCreationResult _ => (Noun.Tag.Input, "tag", Noun.Tag),
                _ => null,
            };
            // The module's template objects (by type name, whatever cmdlet made them), then rows by their columns.
            if (subject is null && input!.TypeNames.Any(t => t.StartsWith("TallyfyPS.Model.", StringComparison.Ordinal) &&
                    (t.EndsWith("Template", StringComparison.Ordinal) || t.EndsWith("Blueprint", StringComparison.Ordinal))))
            {
                subject = (Noun.TemplateOfActivity, "checklist", Noun.Template);
            }

            subject ??= Has(input!, TaskNames) ? (Noun.Task.Input, "task", Noun.Task)
                : Has(input!, RunNames) ? (Noun.Run.Input, "run", Noun.Run)
                : Has(input!, TemplateNames) ? (Noun.TemplateOfActivity, "checklist", Noun.Template)
                : Has(input!, TagNames) ? (Noun.Tag.Input, "tag", Noun.Tag)
                : ((InputKind, string, Noun)?)null;
            if (subject is null)
            {
                WriteError(Errors.AmbiguousActivitySubject(MyInvocation.MyCommand.Name, value));
                return;
            }

            var reader = new InputReader(subject.Value.kind, Organization, MyInvocation.MyCommand.Name);
            ReadEach(new[] { reader.Read(value, input) }, subject.Value.type, subject.Value.noun);
        }

        private static bool Has(PSObject input, string[] names) =>
            input.BaseObject is System.Collections.IDictionary d
                ? names.Any(n => d.Keys.Cast<object>().Any(k => string.Equals(k?.ToString(), n, StringComparison.OrdinalIgnoreCase)))
                : names.Any(n => input.Properties[n] != null);

        private void ReadEach(IEnumerable<WorkItem> items, string entityType, Noun noun)
        {
            foreach (WorkItem item in items)
            {
                if (item.Refusal != null)
                {
                    WriteError(item.Refusal);
                    continue;
                }

                Read(new ActivityQuery { EntityType = entityType, EntityId = item.Id }, noun, item.Name);
            }
        }

        /// <summary>One subject's entries (or the organization's), newest first, page by page.</summary>
        private void Read(ActivityQuery query, Noun noun, string? subjectName = null)
        {
            var progress = new ListingProgress(this, "activity entries");
            try
            {
                Read(query, noun, subjectName, progress);
            }
            finally
            {
                progress.Complete();
            }
        }

        private void Read(ActivityQuery query, Noun noun, string? subjectName, ListingProgress progress)
        {
            query.Verbs = _verbs?.ToList();
            query.ActorId = _actorId;
            query.ActorEmail = _actorEmail;
            query.After = _after;
            query.Before = _before;
            // The service filters by whole days: with exact times some entries are dropped here, so full pages are read.
            bool dropsEntries = _after.HasValue || _before.HasValue;
            ActivityWalker walker = Api.ListActivity(Organization, query, dropsEntries ? ulong.MaxValue : First);
            ulong written = 0;
            DateTimeOffset? previous = null;
            bool ordered = true;
            while (written < First)
            {
                IReadOnlyList<TallyfyActivity>? page;
                progress.Reading(walker.NextPage, null, written, null);
                try
                {
                    page = Run(context => walker.NextAsync(context));
                }
                catch (TallyfyApiException ex)
                {
                    WriteError(Errors.ListFailed(ex, noun));
                    return;
                }

                if (page is null)
                {
                    return;
                }

                foreach (TallyfyActivity entry in page)
                {
                    DateTimeOffset? at = entry.CreatedAt?.Value;
                    if (at.HasValue && previous.HasValue && at > previous && ordered)
                    {
                        ordered = false;
                        if (!_orderWarned)
                        {
                            _orderWarned = true;
                            WriteWarning("Tallyfy did not send the activity feed newest first: entries are written in the order it sent them, and every page is read.");
                        }
                    }

                    previous = at ?? previous;
                    if (ordered && _after.HasValue && at.HasValue && at <= _after)
                    {
                        return; // newest first: everything after this is older than -After
                    }

                    if (!Keep(entry))
                    {
                        continue;
                    }

                    if (subjectName != null && string.Equals(entry.SubjectId, query.EntityId, StringComparison.OrdinalIgnoreCase))
                    {
                        entry.SubjectName = subjectName;
                    }

                    WriteObject(entry);
                    if (++written >= First)
                    {
                        return;
                    }
                }
            }
        }

        private bool Keep(TallyfyActivity entry)
        {
            DateTimeOffset? at = entry.CreatedAt?.Value;
            if ((_after.HasValue && !(at > _after)) || (_before.HasValue && !(at < _before)))
            {
                return false;
            }

            if (_verbs != null && (entry.Verb is null || !_verbs.Contains(entry.Verb)))
            {
                return false;
            }

            if (entry.ActorId.HasValue && !string.Equals(entry.ActorType, "system", StringComparison.OrdinalIgnoreCase))
            {
                entry.Actor = ActorOf(entry.ActorId.Value);
            }

            if (_actorId.HasValue && entry.ActorId != _actorId)
            {
                return false;
            }

            // An actor the organization no longer lists cannot be checked here: the service's actor_email filter stands.
            return _actorEmail is null || entry.Actor is null || string.Equals(entry.Actor.Email, _actorEmail, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The member with this id, from the session's list of members (read once per session); null when it cannot be told.</summary>
        private TallyfyUser? ActorOf(long id)
        {
            if (_actors is null && !_actorsTried)
            {
                _actorsTried = true;
                PeopleDirectory people = Ops.People(Organization);
                try
                {
                    _actors = Run(context => people.MembersAsync(context)).GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.First());
                }
                catch (TallyfyApiException ex)
                {
                    WriteWarning($"The organization's members could not be read ({ex.Message.TrimEnd('.')}): the entries' Actor is empty and ActorId has the user id.");
                }
            }

            return _actors != null && _actors.TryGetValue(id, out TallyfyUser? user) ? user : null;
        }
    }
}
