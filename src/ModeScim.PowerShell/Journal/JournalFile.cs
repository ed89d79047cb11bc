using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Opens the journal so that jobs sharing it never interleave: a writer holds it exclusively
    /// (FileShare.None, which .NET enforces across processes on Windows and, with flock, on Unix) for the few
    /// milliseconds of one append, and everyone else waits for that instead of failing. Appending in place is
    /// not enough on its own: on Unix .NET's append mode writes at an offset, so two writers overwrite each other.</summary>
    internal static class JournalFile
    {
        /// <summary>How long to wait for another job's append before giving up.</summary>
        public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

        /// <summary>Held exclusively until disposed. A new journal is made private to its owner before anything
        /// is written to it; a symbolic link at the path is refused, so a record cannot be redirected elsewhere.</summary>
        public static FileStream OpenForAppend(string path)
        {
            RefuseLink(path);
            var existed = File.Exists(path);
            var stream = Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            if (!existed)
            {
                try
                {
                    OwnerOnly.RestrictFile(path);
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
            }
            return stream;
        }

        /// <summary>Creates the journal's folder if needed, private to its owner; an existing folder is left as it is.</summary>
        public static void EnsureDirectory(string path)
        {
            var directory = Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(directory) || Directory.Exists(directory))
            {
                return;
            }
            Directory.CreateDirectory(directory);
            OwnerOnly.RestrictDirectory(directory);
        }

        private static void RefuseLink(string path)
        {
            var info = new FileInfo(path);
            if ((info.Exists || IsDanglingLink(info)) && (info.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                throw new IOException("The journal path '" + path + "' is a symbolic link; a journal is written only to a plain file.");
            }
        }

        // A link whose target is gone does not "exist", yet writing to it would create the target.
        private static bool IsDanglingLink(FileInfo info)
        {
            try
            {
                return (int)info.Attributes != -1 && (info.Attributes & FileAttributes.ReparsePoint) != 0;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public static FileStream OpenForRead(string path)
        {
            return Open(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        private static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share)
        {
            var clock = Stopwatch.StartNew();
            var pause = 2;
            while (true)
            {
                try
                {
                    return new FileStream(path, mode, access, share, 4096, FileOptions.None);
                }
                catch (IOException ex) when (IsHeldByAnother(ex) && clock.Elapsed < LockWait)
                {
                    Thread.Sleep(pause);
                    pause = Math.Min(pause * 2, 50);
                }
            }
        }

        // Windows: ERROR_SHARING_VIOLATION (32) or ERROR_LOCK_VIOLATION (33). Unix: flock's EWOULDBLOCK,
        // 11 on Linux and 35 on macOS, which .NET passes on as the HResult.
        private static bool IsHeldByAnother(IOException ex)
        {
            var code = ex.HResult & 0xFFFF;
            return code == 32 || code == 33 || ex.HResult == 11 || ex.HResult == 35;
        }
    }
}
