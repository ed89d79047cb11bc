using System.Collections.Concurrent;
using ModeScim.Client.Http;

namespace ModeScim.Tests.Unit.Support
{
    /// <summary>Keeps every request record a client reports to it (pass it to ScimClient.Observe).</summary>
    internal sealed class RequestRecorder : IScimRequestObserver
    {
        public ConcurrentQueue<ScimRequestRecord> All { get; } = new();

        public void OnRequestCompleted(ScimRequestRecord record) => All.Enqueue(record);
    }
}
