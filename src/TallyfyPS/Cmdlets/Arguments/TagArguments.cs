using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// -Tag as users write it: a tag's id, its title (in any case), or a tag object, resolved against the
    /// organization's tag list, read once per call, before any other request.
    /// </summary>
    internal static class TagArguments
    {
        /// <summary>The tag; a terminating TagNotFound (or AmbiguousTagTitle) error when the value names none (or several).</summary>
        public static TallyfyTag Resolve(TallyfyCmdlet cmdlet, TallyfyApi api, string organizationId, object value, string parameter)
        {
            object plain = value is PSObject ps ? ps.BaseObject : value;
            if (plain is TallyfyTagCreationResult created)
            {
                // New-TallyfyTag's result: its tag (a title that existed already names the existing tag).
                plain = created.Tag ?? (object)(created.TagId.Length > 0 ? created.TagId : created.Title);
            }

            IReadOnlyList<TallyfyTag> tags = cmdlet.Await(cmdlet.Start(context => api.AllTagsAsync(organizationId, context)));
            string text = plain is TallyfyTag given ? (given.Id.Length > 0 ? given.Id : given.Title) : Convert.ToString(plain, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
            if (Find(tags, text, out IReadOnlyList<TallyfyTag> matches) is TallyfyTag tag)
            {
                return tag;
            }

            if (matches.Count > 1)
            {
                cmdlet.ThrowTerminatingError(Errors.AmbiguousTagTitle(parameter, text, matches));
            }

            cmdlet.ThrowTerminatingError(Errors.TagNotFound(parameter, text, organizationId));
            return null!;
        }

        /// <summary>The tag with this id, else the one tag with this title (any case); null with the title's matches when there is none or several.</summary>
        public static TallyfyTag? Find(IReadOnlyList<TallyfyTag> tags, string idOrTitle, out IReadOnlyList<TallyfyTag> titleMatches)
        {
            titleMatches = Array.Empty<TallyfyTag>();
            if (Ids.Normalize(idOrTitle) is string id && tags.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase)) is TallyfyTag byId)
            {
                return byId;
            }

            titleMatches = tags.Where(t => string.Equals(t.Title, idOrTitle, StringComparison.OrdinalIgnoreCase)).ToList();
            return titleMatches.Count == 1 ? titleMatches[0] : null;
        }
    }
}
