using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Creates tags. Tag titles are unique in any case (the contract; the service answers 422 otherwise): a title
    /// that exists is refused with TagAlreadyExists before anything is sent, so -Tag by title never becomes ambiguous.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TallyfyTag", HelpUri = HelpLinks.Base + "New-TallyfyTag.md", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(TallyfyTag))]
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

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (TextArguments.Problem(this, Title) is ErrorRecord badText)
            {
                WriteError(badText); // a piped title: this tag is not created, the next is read
                return;
            }

            string org = Organization;
            TallyfyApi api = Api;
            string title = Title.Trim();
            string? color = Color?.Trim();
            if (color != null && !HexColor.IsMatch(color))
            {
                WriteError(Errors.InvalidTagColor(color));
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
                    foreach (TallyfyTag tag in Run(context => api.AllTagsAsync(org, context)))
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
                WriteError(Errors.TagAlreadyExists(title, existing));
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
                WriteObject(made);
            }
            catch (TallyfyApiException ex)
            {
                WriteError(Errors.CreateFailed(ex, Noun.Tag, title, Title, requests.Sent));
            }
        });

        protected override void EndProcessing() => Completed();
    }
}
