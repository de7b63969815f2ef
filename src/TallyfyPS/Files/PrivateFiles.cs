using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace TallyfyPS.Files
{
    /// <summary>
    /// The one way the module creates files and folders on the local disk (backups, index.csv, journals and their lock
    /// files): on Linux and macOS a file it creates is readable and writable by its owner only (0600) from the moment it
    /// exists, whatever the umask, and a folder it creates is the owner's only (0700). Existing files and folders keep
    /// their mode. On Windows nothing is changed: what is created inherits the folder's access control list.
    /// </summary>
    public static class PrivateFiles
    {
        /// <summary>rw------- : the mode of every file the module creates on Unix.</summary>
        public const int FileMode = 0x180; // 0600

        /// <summary>rwx------ : the mode of every folder the module creates on Unix.</summary>
        public const int FolderMode = 0x1C0; // 0700

        private const int EEXIST = 17; // the same on Linux and macOS

        /// <summary>True where modes apply (Linux, macOS); false on Windows, where the folder's ACL is inherited.</summary>
        /// <remarks>
        /// Environment.OSVersion rather than RuntimeInformation: the latter is not in-box on every .NET Framework that
        /// Windows PowerShell 5.1 runs on, and the module ships no copy of it.
        /// </remarks>
        public static bool UnixModes { get; } = Environment.OSVersion.Platform == PlatformID.Unix || Environment.OSVersion.Platform == PlatformID.MacOSX;

        /// <summary>Creates a folder and any missing parents; each one created is 0700 on Unix. An existing folder is left as it is.</summary>
        /// <exception cref="IOException">It cannot be created.</exception>
        /// <exception cref="UnauthorizedAccessException">No permission.</exception>
        public static void CreateFolder(string path)
        {
            string full = Path.GetFullPath(path);
            if (!UnixModes)
            {
                Directory.CreateDirectory(full);
                return;
            }

            var missing = new Stack<string>();
            for (string? p = full; !string.IsNullOrEmpty(p) && !Directory.Exists(p); p = Path.GetDirectoryName(p))
            {
                missing.Push(p!);
            }

            while (missing.Count > 0)
            {
                string folder = missing.Pop();
                if (Native.mkdir(Native.Path(folder), FolderMode) != 0)
                {
                    int errno = Marshal.GetLastWin32Error();
                    if (errno == EEXIST && Directory.Exists(folder))
                    {
                        continue; // made by someone else meanwhile: left as it is
                    }

                    throw Failure(errno, folder, "create the folder");
                }

                Chmod(folder, FolderMode); // exactly 0700, whatever the umask removed
            }
        }

        /// <summary>
        /// Opens a file like <see cref="FileStream"/>; a file this creates is 0600 on Unix before anything is written
        /// to it (never readable by another user, not even for a moment). <see cref="System.IO.FileMode.CreateNew"/>
        /// fails when the file exists.
        /// </summary>
        public static FileStream Open(string path, System.IO.FileMode mode, FileAccess access, FileShare share, int bufferSize = 4096, FileOptions options = FileOptions.None)
        {
            if (UnixModes && mode != System.IO.FileMode.Open && mode != System.IO.FileMode.Truncate && mode != System.IO.FileMode.Append)
            {
                bool exists = File.Exists(path) || Directory.Exists(path);
                if (mode == System.IO.FileMode.CreateNew && exists)
                {
                    throw new IOException($"The file '{path}' already exists.");
                }

                if (!exists)
                {
                    Create(path);
                    if (mode == System.IO.FileMode.CreateNew)
                    {
                        mode = System.IO.FileMode.Open;
                    }
                }
            }

            return new FileStream(path, mode, access, share, bufferSize, options);
        }

        /// <summary>Creates an empty file with mode 0600 (creat then chmod: the umask can only have taken bits away).</summary>
        private static void Create(string path)
        {
            int fd = Native.creat(Native.Path(path), FileMode);
            if (fd < 0)
            {
                throw Failure(Marshal.GetLastWin32Error(), path, "create the file");
            }

            Native.close(fd);
            Chmod(path, FileMode);
        }

        private static void Chmod(string path, int mode)
        {
            if (Native.chmod(Native.Path(path), mode) != 0)
            {
                throw Failure(Marshal.GetLastWin32Error(), path, "set the mode of");
            }
        }

        private static Exception Failure(int errno, string path, string what)
        {
            string message = $"Could not {what} '{path}' (errno {errno}).";
            switch (errno)
            {
                case 1: // EPERM
                case 13: // EACCES
                    return new UnauthorizedAccessException($"Access to the path '{path}' is denied: could not {what} it.");
                case 2: // ENOENT
                case 20: // ENOTDIR
                    return new DirectoryNotFoundException($"Could not find a part of the path '{path}'.");
                default:
                    return new IOException(message);
            }
        }

        private static class Native
        {
            // Non-variadic libc calls only (open() is variadic, which P/Invoke cannot call portably on every Unix).
            // Paths go as NUL-terminated UTF-8 bytes (netstandard2.0 has no UTF-8 string marshalling).
            internal static byte[] Path(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

            [DllImport("libc", SetLastError = true)]
            internal static extern int creat(byte[] path, int mode);

            [DllImport("libc", SetLastError = true)]
            internal static extern int chmod(byte[] path, int mode);

            [DllImport("libc", SetLastError = true)]
            internal static extern int mkdir(byte[] path, int mode);

            [DllImport("libc", SetLastError = true)]
            internal static extern int close(int fd);
        }
    }
}
