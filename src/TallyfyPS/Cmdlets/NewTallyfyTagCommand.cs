using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Creates tags. Tag titles are unique in any case (the contract; the service answers 422 otherwise): a title
    /// that exists is refused with TagAlreadyExists before anything is sent, so -Tag by title never becomes ambiguous.
    /// One result per input (Created, Refused, Failed) that pipes on, and is taken by -Tag, as its tag; -PassThru
    /// writes the new tag instead.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TallyfyTag", HelpUri = HelpLinks.Base + "New-TallyfyTag.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyTagCreationResult), typeof(TallyfyTag))]
    public sealed class NewTallyfyTagCommand : SessionCmdlet
    {
        private static readonly Regex HexColor = new Regex("^#?[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant);
        private Dictionary<string, TallyfyTag>? _byTitle;

        /// <summary>The tag's title: at most 30 characters, unique in the organization (in any case).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 30)]
        [TextArgument]
        public string Title { get; set; } = string.Empty;

        /// <summary>The tag's color, #rrggbb (default: Tallyfy's).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Color { get; set; }

        /// <summary>Write each new tag instead of its result.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (TextArguments.Problem(this, Title) is ErrorRecord badText)
            {
                Refused(badText, Title, null); // a piped title: this tag is not created, the next is read
                return;
            }

            string org = Organization;
            TallyfyOperations api = Ops;
            string title = Title.Trim();
            string? color = Color?.Trim();
            if (color != null && !HexColor.IsMatch(color))
            {
                Refused(Errors.InvalidTagColor(color), title, null);
                return;
            }

            if (color != null && color[0] != '#')
            {
                color = "#" + color;
            }

            if (_byTitle is null)
            {
                // The organization's tags, read once for the call (titles are compared in any case).
                try
                {
                    _byTitle = new Dictionary<string, TallyfyTag>(StringComparer.OrdinalIgnoreCase);
                    foreach (TallyfyTag tag in Run(context => api.Api.AllTagsAsync(org, context)))
                    {
                        _byTitle[tag.Title] = tag;
                    }
                }
                catch (TallyfyApiException ex)
                {
                    _byTitle = null;
                    ThrowTerminatingError(Errors.ListFailed(ex, Noun.Tag));
                }
            }

            if (_byTitle!.TryGetValue(title, out TallyfyTag? existing))
            {
                Refused(Errors.TagAlreadyExists(title, existing), title, existing);
                return;
            }

            if (!ShouldProcess($"'{title}' in organization {org}", "Create tag"))
            {
                return;
            }

            RequestCounter requests = Context.NewCounter();
            try
            {
                TallyfyTag made = Run(_ => api.CreateTagAsync(org, title, color, requests));
                _byTitle[made.Title] = made;
                CompletionCache.Forget(CurrentSession, TagCompleter.Key);
                WriteObject(PassThru ? (object)made : ResultStamp.Stamp(CurrentSession.User, new TallyfyTagCreationResult
                {
                    TagId = made.Id,
                    Title = made.Title,
                    Color = made.Color,
                    Status = TallyfyCreationStatus.Created,
                    Tag = made,
                }, org, requests.Sent, null));
            }
            catch (TallyfyApiException ex)
            {
                ErrorRecord failed = Errors.CreateFailed(ex, Noun.Tag, title, Title, requests.Sent);
                if (!PassThru)
                {
                    WriteObject(ResultStamp.Stamp(CurrentSession.User, new TallyfyTagCreationResult { Title = title, Color = color, Status = TallyfyCreationStatus.Failed },
                        org, requests.Sent, ResultStamp.MessageOf(failed), ex));
                }

                WriteError(failed);
            }
        });

        /// <summary>
        /// An input refused before anything was sent: its Refused result (an audit of every input; a title that exists
        /// names the existing tag's id), then its error.
        /// </summary>
        private void Refused(ErrorRecord refusal, string title, TallyfyTag? existing)
        {
            if (!PassThru)
            {
                WriteObject(ResultStamp.Stamp(CurrentSession.User, new TallyfyTagCreationResult
                {
                    TagId = existing?.Id ?? string.Empty,
                    Title = title,
                    Color = Color,
                    Status = TallyfyCreationStatus.Refused,
                }, Organization, 0, ResultStamp.MessageOf(refusal)));
            }

            WriteError(refusal);
        }

        protected override void EndProcessing() => Completed();
    }
}
