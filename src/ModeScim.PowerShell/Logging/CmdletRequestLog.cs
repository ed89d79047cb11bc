using System.Collections.Concurrent;
using ModeScim.Client.Http;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>Collects request records from whichever thread finished them; the cmdlet drains the queue on
    /// the pipeline thread, the only thread that may write to PowerShell's streams.</summary>
    internal sealed class CmdletRequestLog : IScimRequestObserver
    {
        private readonly ConcurrentQueue<ScimRequestRecord> _records = new ConcurrentQueue<ScimRequestRecord>();
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
    }
}
