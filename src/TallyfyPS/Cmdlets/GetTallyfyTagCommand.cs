using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Gets the organization's tags: by id, or listed by title (wildcards), streaming page by page.</summary>
    [Cmdlet(VerbsCommon.Get, "TallyfyTag", HelpUri = HelpLinks.Base + "Get-TallyfyTag.md", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TallyfyTag))]
    public sealed class GetTallyfyTagCommand : SessionCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private IReadOnlyList<TallyfyTag>? _tags;

        /// <summary>Ids of tags.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("TagId", "tag_id")]
        [AllowEmptyString]
        public string[]? Id { get; set; }

        /// <summary>Only tags whose title matches (wildcards allowed).</summary>
        [Parameter(Position = 0, ParameterSetName = ListSet)]
        [Alias("Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TagCompleter))]
        public string[]? Title { get; set; }

        /// <summary>At most this many tags.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        protected override void ProcessRecord() => Guarded(() =>
        {
            if (ParameterSetName == ListSet)
            {
                List();
                return;
            }

            if (_tags is null)
            {
                // Tallyfy has no read of one tag: the list is read once for the call.
                string org = Organization;
                TallyfyApi api = Api;
                try
                {
                    _tags = Run(context => api.AllTagsAsync(org, context));
                }
                catch (TallyfyApiException ex)
                {
                    ThrowTerminatingError(Errors.ListFailed(ex, Noun.Tag));
                }
            }

            foreach (string raw in Id ?? Array.Empty<string>())
            {
                string? id = Ids.Normalize(raw);
                TallyfyTag? tag = id is null ? null : _tags!.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));
                if (id is null)
                {
                    WriteError(Errors.InvalidId(Noun.Tag, raw, raw));
                }
                else if (tag is null)
                {
                    WriteError(Errors.NoMatch(Noun.Tag, "-Id", id, Organization));
                }
                else
                {
                    WriteObject(tag);
                }
            }
        });

        protected override void EndProcessing() => Completed();

        private void List()
        {
            var title = new WildcardFilter("-Title", Title);
            ulong kept = 0;
            PagedWalker<TallyfyTag> walker = Api.ListTags(Organization, title.SearchTerm, title.IsActive ? ulong.MaxValue : First);
            WalkPages(walker, Noun.Tag, First, tag =>
            {
                bool keep = title.Matches(tag.Title);
                if (keep)
                {
                    kept++;
                }

                return keep;
            });

            if (kept < First)
            {
                foreach (string value in title.Unmatched())
                {
                    WriteError(Errors.NoMatch(Noun.Tag, "-Title", value, Organization));
                }
            }
        }
    }
}
