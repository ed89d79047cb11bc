using System.IO;
using System.Runtime.InteropServices;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Owner-only modes on Unix, set with the C library's chmod (netstandard2.0 has no managed API for it).</summary>
    internal static class UnixPermissions
    {
        private const uint FileMode = 0x180; // 0600
        private const uint DirectoryMode = 0x1C0; // 0700

        public static void RestrictFile(string path) => Restrict(path, FileMode);

        public static void RestrictDirectory(string path) => Restrict(path, DirectoryMode);

        private static void Restrict(string path, uint mode)
        {
            if (chmod(path, mode) != 0)
            {
                throw new IOException("Could not make '" + path + "' private to its owner (chmod failed with error "
                    + Marshal.GetLastWin32Error() + ").");
            }
        }

        // The C library's own function and name. On Unix, .NET marshals an ANSI string as UTF-8, as paths are there.
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int chmod(string pathname, uint mode);
    }
}
