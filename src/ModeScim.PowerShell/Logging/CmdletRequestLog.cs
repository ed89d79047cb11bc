using System.Collections.Concurrent;
using ModeScim.Client.Http;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>Collects request records from whichever thread finished them; the cmdlet drains the queue on
    /// the pipeline thread, the only thread that may write to PowerShell's streams.</summary>
    internal sealed class CmdletRequestLog : IScimRequestObserver
    {
        private readonly ConcurrentQueue<ScimRequestRecord> _records = new ConcurrentQueue<ScimRequestRecord>();

        public void OnRequestCompleted(ScimRequestRecord record)
        {
            _records.Enqueue(record);
        }

        public bool TryTake(out ScimRequestRecord record)
        {
            return _records.TryDequeue(out record);
        }
    }
}
