using System;
using System.Collections.Generic;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>-Folder as users write it: a folder's id, its path (Parent/Child) or its name, resolved against the folders of runs before any listing.</summary>
    internal static class FolderArguments
    {
        /// <summary>The values of Get-TallyfyFolder -Type (Blueprint and Checklist are taken for Template, the words of 0.2.0 and of the API).</summary>
        public const string Run = "Run", Template = "Template", All = "All";

        /// <summary>The API's folder_type of a -Type value: run, checklist, or null for both (All). Default (null or empty): Run.</summary>
        public static string? ApiType(string? type)
        {
            if (string.IsNullOrWhiteSpace(type) || string.Equals(type, Run, StringComparison.OrdinalIgnoreCase))
            {
                return TallyfyApi.RunFolderType;
            }

            return string.Equals(type, All, StringComparison.OrdinalIgnoreCase) ? null : TallyfyApi.TemplateFolderType;
        }

        /// <summary>The folder of runs; a terminating FolderNotFound (or AmbiguousFolderName) error when the value names none (or several).</summary>
        public static TallyfyFolder Resolve(TallyfyCmdlet cmdlet, TallyfyApi api, string organizationId, string value, string parameter, string done = "Nothing was listed.")
        {
            IReadOnlyList<TallyfyFolder> folders = cmdlet.Await(cmdlet.Start(context => api.FoldersAsync(organizationId, TallyfyApi.RunFolderType, context)));
            TallyfyFolder? found = Find(folders, value, out IReadOnlyList<TallyfyFolder> matches);
            if (found is null)
            {
                cmdlet.ThrowTerminatingError(matches.Count > 1 ? Errors.AmbiguousFolderName(parameter, value.Trim(), matches, done) : Errors.FolderNotFound(parameter, value.Trim(), organizationId, done: done));
            }

            return found!;
        }

        /// <summary>
        /// The folder <paramref name="value"/> names among <paramref name="folders"/>: by id, then by path, then by name (any
        /// case); null when none or several do (<paramref name="matches"/> then holds the several).
        /// </summary>
        public static TallyfyFolder? Find(IReadOnlyList<TallyfyFolder> folders, string value, out IReadOnlyList<TallyfyFolder> matches)
        {
            string text = value.Trim();
            matches = Array.Empty<TallyfyFolder>();
            TallyfyFolder? byId = folders.FirstOrDefault(f => string.Equals(f.Id, text, StringComparison.OrdinalIgnoreCase));
            if (byId != null)
            {
                return byId;
            }

            foreach (Func<TallyfyFolder, string> key in new Func<TallyfyFolder, string>[] { f => f.Path, f => f.Name })
            {
                var found = folders.Where(f => string.Equals(key(f), text.Trim('/'), StringComparison.OrdinalIgnoreCase)).ToList();
                if (found.Count == 1)
                {
                    return found[0];
                }

                if (found.Count > 1)
                {
                    matches = found;
                    return null;
                }
            }

            return null;
        }

        /// <summary>"folder of runs", "folder of templates" or "folder" for an API folder_type (null: either).</summary>
        public static string Kind(string? apiType) => apiType == TallyfyApi.RunFolderType ? "folder of runs" : apiType == TallyfyApi.TemplateFolderType ? "folder of templates" : "folder";
    }
}
