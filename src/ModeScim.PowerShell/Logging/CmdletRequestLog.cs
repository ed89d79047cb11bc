using System.Collections.Concurrent;
using ModeScim.Client.Http;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>Collects request records from whichever thread finished them; the cmdlet drains the queue on
    /// the pipeline thread, the only thread that may write to PowerShell's streams.</summary>
    internal sealed class CmdletRequestLog : IScimRequestObserver
    {
        private readonly ConcurrentQueue<ScimRequestRecord> _records = new ConcurrentQueue<ScimRequestRecord>();
        private const int DebugBodyLimit = 4000;

        private int _count;

        /// <summary>Attempts made so far by this command, retries included.</summary>
        public int Count => System.Threading.Volatile.Read(ref _count);

        public void OnRequestCompleted(ScimRequestRecord record)
        {
            System.Threading.Interlocked.Increment(ref _count);
            _records.Enqueue(record);
        }

        public bool TryTake(out ScimRequestRecord record)
        {
            return _records.TryDequeue(out record);
        }

        /// <summary>Writes one line per request taken so far, and with <paramref name="debug"/> the bodies (cut at 4,000
        /// characters: a listing's body would bury the trace).</summary>
        public void Drain(System.Action<string> verbose, System.Action<string>? debug)
        {
            while (TryTake(out var record))
            {
                verbose(record.ToString());
                if (debug == null)
                {
                    continue;
                }
                if (record.RequestBody != null)
                {
                    debug("Request body: " + Truncate(record.RequestBody));
                }
                if (!InputValidation.IsEmpty(record.ResponseBody))
                {
                    debug("Response body: " + Truncate(record.ResponseBody));
                }
            }
        }

        private static string Truncate(string body)
        {
            return body.Length <= DebugBodyLimit ? body : body.Substring(0, DebugBodyLimit) + "... (" + body.Length + " characters)";
        }
    }
}
