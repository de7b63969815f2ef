using System;
using System.Collections.Generic;
using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>-Folder as users write it: a folder's id, its path (Parent/Child) or its name, resolved against the folders of runs before any listing.</summary>
    internal static class FolderArguments
    {
        /// <summary>The folder of runs; a terminating FolderNotFound (or AmbiguousFolderName) error when the value names none (or several).</summary>
        public static TallyfyFolder Resolve(TallyfyCmdlet cmdlet, TallyfyApi api, string organizationId, string value, string parameter)
        {
            string text = value.Trim();
            IReadOnlyList<TallyfyFolder> folders = cmdlet.Await(cmdlet.Start(context => api.FoldersAsync(organizationId, "run", context)));
            TallyfyFolder? byId = folders.FirstOrDefault(f => string.Equals(f.Id, text, StringComparison.OrdinalIgnoreCase));
            if (byId != null)
            {
                return byId;
            }

            foreach (Func<TallyfyFolder, string> key in new Func<TallyfyFolder, string>[] { f => f.Path, f => f.Name })
            {
                var matches = folders.Where(f => string.Equals(key(f), text.Trim('/'), StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 1)
                {
                    return matches[0];
                }

                if (matches.Count > 1)
                {
                    cmdlet.ThrowTerminatingError(Errors.AmbiguousFolderName(parameter, text, matches));
                }
            }

            cmdlet.ThrowTerminatingError(Errors.FolderNotFound(parameter, text, organizationId));
            return null!;
        }
    }
}
