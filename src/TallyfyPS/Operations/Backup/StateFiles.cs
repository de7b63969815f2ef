using System;
using System.IO;
using TallyfyPS.Client;
using TallyfyPS.Files;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// The module's per-user state folder and its files: where they are, and how they are made (on Unix the folders
    /// 0700 and the files 0600, so no other local user reads them; on Windows they inherit the folder's ACL, which
    /// under %LOCALAPPDATA% is the user's own).
    /// </summary>
    internal static class StateFiles
    {
        /// <summary>The environment variable that names another state folder (tests give each run a private one).</summary>
        public const string PathVariable = "TALLYFY_STATE_PATH";

        /// <summary>
        /// TALLYFY_STATE_PATH; else %LOCALAPPDATA%\TallyfyPS on Windows; else $XDG_STATE_HOME/TallyfyPS, or
        /// ~/.local/state/TallyfyPS.
        /// </summary>
        public static string Folder()
        {
            string? over = Environment.GetEnvironmentVariable(PathVariable);
            if (!string.IsNullOrWhiteSpace(over))
            {
                return Path.GetFullPath(over!.Trim());
            }

            if (!PrivateFiles.UnixModes)
            {
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "TallyfyPS");
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
            if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
            {
                return Path.Combine(xdg, "TallyfyPS");
            }

            string home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".local", "state", "TallyfyPS");
        }

        /// <summary>Creates a folder (and its parents) where missing; those it creates are 0700 on Unix.</summary>
        public static void EnsureFolder(string folder) => PrivateFiles.CreateFolder(folder);

        /// <summary>Opens a file for writing, created 0600 on Unix (before anything is written), locked against every other opener.</summary>
        public static FileStream CreateLocked(string path) =>
            PrivateFiles.Open(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);

        /// <summary>Opens an existing file locked against every other opener (null when another holds it or it is gone).</summary>
        public static FileStream? OpenLocked(string path)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
            catch (IOException)
            {
                return null; // held by its writer, whose call is still under way
            }
        }
    }
}
