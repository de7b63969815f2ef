using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using TallyfyPS.Cmdlets;

namespace TallyfyPS
{
    /// <summary>
    /// Serves System.Text.Json and its polyfills from the module's <c>dependencies/</c> folder,
    /// and only to the module's own assembly. On PowerShell 7 the framework already has a newer
    /// System.Text.Json, the default load succeeds and this handler is never asked; on Windows
    /// PowerShell 5.1 it is what makes the module load without polluting other modules.
    /// The pattern of PSResourceGet's ModuleInitAndCleanup.cs.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty,
            "dependencies");

        private static readonly Assembly Self = typeof(ModuleInitializer).Assembly;

        public void OnImport()
        {
            AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
            MakeDiscoverable();
        }

        /// <summary>
        /// A module imported by path is not found by other runspaces of the process (ForEach-Object -Parallel,
        /// Start-ThreadJob) nor by child processes (Start-Job), which look for modules on PSModulePath only. When
        /// this copy sits in a folder named TallyfyPS (directly, or in a version folder under it) that is not on
        /// PSModulePath, that folder's parent is put first on this process's PSModulePath, so they find this very
        /// copy. Nothing is changed when the module was found on PSModulePath in the first place.
        /// </summary>
        internal static string? MakeDiscoverable()
        {
            string? root = ModuleRoot(Path.GetDirectoryName(Self.Location));
            if (root is null)
            {
                return null;
            }

            string current = Environment.GetEnvironmentVariable("PSModulePath") ?? string.Empty;
            foreach (string entry in current.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(Path.GetFullPath(entry).TrimEnd(Path.DirectorySeparatorChar), root, StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
            }

            Environment.SetEnvironmentVariable("PSModulePath", current.Length == 0 ? root : root + Path.PathSeparator + current);
            return root;
        }

        /// <summary>The folder that holds the module's TallyfyPS folder, or null when the layout is not a module folder.</summary>
        internal static string? ModuleRoot(string? moduleDirectory)
        {
            if (string.IsNullOrEmpty(moduleDirectory))
            {
                return null;
            }

            var folder = new DirectoryInfo(moduleDirectory);
            if (folder.Parent != null && Version.TryParse(folder.Name, out _) && string.Equals(folder.Parent.Name, "TallyfyPS", StringComparison.OrdinalIgnoreCase))
            {
                folder = folder.Parent; // .../TallyfyPS/0.1.0
            }

            return string.Equals(folder.Name, "TallyfyPS", StringComparison.OrdinalIgnoreCase) && folder.Parent != null
                ? folder.Parent.FullName.TrimEnd(Path.DirectorySeparatorChar)
                : null;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
            SessionStore.Clear();
        }

        internal static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            // Answer only our own requests (or a dependency asking for a sibling we shipped).
            Assembly? requester = args.RequestingAssembly;
            if (requester is null)
            {
                return null;
            }

            bool fromUs = requester == Self ||
                (!string.IsNullOrEmpty(requester.Location) &&
                 string.Equals(Path.GetDirectoryName(requester.Location), DependencyFolder, StringComparison.OrdinalIgnoreCase));
            if (!fromUs)
            {
                return null;
            }

            string name = new AssemblyName(args.Name).Name ?? string.Empty;
            string candidate = Path.Combine(DependencyFolder, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
