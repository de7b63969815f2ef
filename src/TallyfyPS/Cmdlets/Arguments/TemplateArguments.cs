using System;
using System.Collections.Generic;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// A template named as users name it: by its exact title (any case) where an id is expected (Start-TallyfyRun
    /// -TemplateId), and the "did you mean" of a title that matches none. Resolved once per call, before anything is sent.
    /// </summary>
    internal static class TemplateArguments
    {
        /// <summary>
        /// The id of the template <paramref name="value"/> names: its id, or its exact title. A value made of hexadecimal
        /// digits only is a mistyped id (InvalidBlueprintId); anything else is looked up as a title.
        /// </summary>
        public static string ResolveIdOrTitle(TallyfyCmdlet cmdlet, TallyfyApi api, string organizationId, string value, string parameter)
        {
            if (Ids.Normalize(value) is string id)
            {
                return id;
            }

            if (value.Trim().Replace("-", string.Empty).All(Uri.IsHexDigit))
            {
                cmdlet.ThrowTerminatingError(Errors.InvalidId(Noun.Template, value, value));
            }

            return ResolveTitle(cmdlet, api, organizationId, value, parameter).Id;
        }

        /// <summary>
        /// The template whose title is <paramref name="title"/> (any case): one search by title. A terminating
        /// TemplateNotFound (with the nearest title) or AmbiguousTemplateName error when it names none or several.
        /// </summary>
        public static TallyfyTemplate ResolveTitle(TallyfyCmdlet cmdlet, TallyfyApi api, string organizationId, string title, string parameter)
        {
            string wanted = title.Trim();
            var query = new TemplateQuery { Name = wanted, Archived = ArchivedFilter.Exclude };
            List<TallyfyTemplate> exact = ReadAll(cmdlet, api.ListTemplates(organizationId, query))
                .Where(t => string.Equals(t.Title.Trim(), wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (exact.Count == 1)
            {
                return exact[0];
            }

            if (exact.Count > 1)
            {
                cmdlet.ThrowTerminatingError(Errors.AmbiguousTemplateName(parameter, title, exact));
            }

            cmdlet.ThrowTerminatingError(Errors.TemplateNameNotFound(parameter, title, organizationId, Nearest(cmdlet, api, organizationId, title)));
            return null!;
        }

        /// <summary>The title of a live template nearest to <paramref name="title"/>, when near enough to be a typo (reads the list of templates).</summary>
        public static string? Nearest(TallyfyCmdlet cmdlet, TallyfyApi api, string organizationId, string title)
        {
            IEnumerable<string> titles = ReadAll(cmdlet, api.ListTemplates(organizationId, new TemplateQuery { Archived = ArchivedFilter.Exclude })).Select(t => t.Title);
            return Typos.Nearest(title, titles);
        }

        private static List<TallyfyTemplate> ReadAll(TallyfyCmdlet cmdlet, PagedWalker<TallyfyTemplate> walker)
        {
            var all = new List<TallyfyTemplate>();
            while (cmdlet.Await(cmdlet.Start(context => walker.NextAsync(context))) is IReadOnlyList<TallyfyTemplate> page)
            {
                all.AddRange(page);
            }

            return all;
        }
    }
}
