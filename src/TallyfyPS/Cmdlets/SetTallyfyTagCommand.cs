using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Renames or recolours tags. The organization's tags are read once per call: a tag it does not hold is NotFound
    /// with nothing sent, and a title another tag has (titles are unique in any case) is refused (TagTitleTaken). Tallyfy
    /// requires the title on every update, so the tag's own title is sent when only -Color is given. One result per tag.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TallyfyTag", HelpUri = HelpLinks.Base + "Set-TallyfyTag.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = IdSet)]
    [OutputType(typeof(TallyfyTagUpdateResult))]
    public sealed class SetTallyfyTagCommand : RecordInputCmdlet
    {
        private static readonly Regex HexColor = new Regex("^#?[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant);
        private static readonly BulkAction Update = new BulkAction(Noun.Tag.Input, null, "Update", "Updating Tallyfy tags", irreversible: false);
        private readonly ConcurrentDictionary<string, TallyfyTag> _tags = new ConcurrentDictionary<string, TallyfyTag>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private BulkPipeline<NoState, TagUpdateOutcome>? _bulk;
        private string? _color;
        private TallyfyTag? _titled;

        /// <summary>Ids of the tags (Get-TallyfyTag lists them).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet)]
        [Alias("TagId", "tag_id")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string?[]? Id { get; set; }

        /// <summary>The new title: at most 30 characters, unique in the organization (in any case).</summary>
        [Parameter]
        [Alias("NewTitle")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 30)]
        [TextArgument]
        public string? Title { get; set; }

        /// <summary>The new color, #rrggbb.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Color { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _bulk = new BulkPipeline<NoState, TagUpdateOutcome>(this, Organization, CurrentSession.User, Update, new Updating(this), ThrottleLimit);
            if (Title is null && Color is null)
            {
                ThrowTerminatingError(Errors.NothingToChange(MyInvocation.MyCommand.Name, "-Title or -Color"));
            }

            if (Title != null && TextArguments.Problem(this, Title) is ErrorRecord badText)
            {
                ThrowTerminatingError(badText);
            }

            if (Color != null)
            {
                string color = Color.Trim();
                if (!HexColor.IsMatch(color))
                {
                    ThrowTerminatingError(Errors.InvalidTagColor(color));
                }

                _color = (color[0] == '#' ? color : "#" + color).ToLowerInvariant();
            }

            string org = Organization;
            TallyfyApi api = Api;
            try
            {
                foreach (TallyfyTag tag in Run(context => api.AllTagsAsync(org, context)))
                {
                    _tags[tag.Id] = tag;
                }
            }
            catch (TallyfyApiException ex)
            {
                ThrowTerminatingError(Errors.ListFailed(ex, Noun.Tag));
            }
        }

        protected override void ProcessRecord() => _bulk!.Take(ArgumentCount(Id));

        protected override void EndProcessing() => _bulk!.Finish();

        /// <summary>Updating one tag, looked up in the tag list read at the start.</summary>
        private sealed class Updating : IBulkOperation<NoState, TagUpdateOutcome>
        {
            private readonly SetTallyfyTagCommand _cmdlet;

            public Updating(SetTallyfyTagCommand cmdlet) => _cmdlet = cmdlet;

            private ConcurrentDictionary<string, TallyfyTag> Tags => _cmdlet._tags;

            public IEnumerable<WorkItem<NoState>> Read(InputReader reader) => _cmdlet.Input(reader, _cmdlet.Id).Select(item => new WorkItem<NoState>(item, default));

            // Every tag is looked up in the list read at the start; no request.
            public Func<RequestCounter, Task<RecordState>>? Prepare(WorkItem<NoState> item, bool nameWanted) => requests =>
                Task.FromResult(Tags.TryGetValue(item.Id, out TallyfyTag? tag) ? new RecordState(KnownState.Live, tag.Title) : new RecordState(KnownState.Unknown, item.Name));

            public Verdict<TagUpdateOutcome> Decide(WorkItem<NoState> item)
            {
                if (!Tags.TryGetValue(item.Id, out TallyfyTag? tag))
                {
                    var missing = new TagUpdateOutcome { Name = item.Name };
                    missing.Fail(new TallyfyApiException(TallyfyErrorKind.NotFound, "The organization has no such tag (the tag list read at the start does not hold it); nothing was sent.", 404), 0);
                    return Verdict<TagUpdateOutcome>.Settle(missing);
                }

                string? title = _cmdlet.Title?.Trim();
                if (title != null)
                {
                    TallyfyTag? other = Tags.Values.FirstOrDefault(t => !string.Equals(t.Id, tag.Id, StringComparison.OrdinalIgnoreCase) && string.Equals(t.Title, title, StringComparison.OrdinalIgnoreCase));
                    if (other != null)
                    {
                        return Verdict<TagUpdateOutcome>.Refuse(Errors.TagTitleTaken(title, other, item.Target));
                    }

                    // One title for one tag: an earlier input of this call takes it.
                    if (_cmdlet._titled != null && !string.Equals(_cmdlet._titled.Id, tag.Id, StringComparison.OrdinalIgnoreCase))
                    {
                        return Verdict<TagUpdateOutcome>.Refuse(Errors.TagTitleTaken(title, new TallyfyTag { Id = _cmdlet._titled.Id, Title = title }, item.Target));
                    }

                    _cmdlet._titled = tag;
                }

                if (!_cmdlet._claimed.Add(item.Id))
                {
                    return Verdict<TagUpdateOutcome>.Settle(new TagUpdateOutcome { Name = tag.Title, Status = ChangeStatus.Existing, Record = tag, Message = "An earlier input of this command updates this tag; nothing more was sent." });
                }

                return Verdict<TagUpdateOutcome>.Go;
            }

            public async Task<TagUpdateOutcome> SendAsync(WorkItem<NoState> item, RequestCounter requests)
            {
                TallyfyTag tag = Tags[item.Id];
                TagUpdateOutcome outcome = await _cmdlet.Ops.UpdateTagAsync(_cmdlet.Organization, tag.Id, _cmdlet.Title?.Trim() ?? tag.Title, _cmdlet._color, requests).ConfigureAwait(false);
                if (outcome.Record != null)
                {
                    Tags[tag.Id] = outcome.Record; // a later input with the same title now meets this one
                }

                return outcome;
            }

            public object? Output(WorkItem<NoState> item, TagUpdateOutcome? outcome)
            {
                Tags.TryGetValue(item.Id, out TallyfyTag? tag);
                if (outcome?.Status == ChangeStatus.Done)
                {
                    CompletionCache.Forget(_cmdlet.CurrentSession, TagCompleter.Key);
                }

                return new TallyfyTagUpdateResult
                {
                    TagId = item.Id,
                    Title = outcome?.Record?.Title ?? tag?.Title ?? item.Name,
                    Color = outcome?.Record?.Color ?? tag?.Color,
                    Status = outcome is null ? TallyfyUpdateStatus.Refused : outcome.Status == ChangeStatus.Existing ? TallyfyUpdateStatus.Updated : UpdateResults.StatusOf(outcome.Status),
                    Tag = outcome?.Status == ChangeStatus.Done ? outcome.Record : null,
                };
            }
        }
    }
}
