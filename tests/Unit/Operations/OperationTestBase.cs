using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ModeScim.Emulator;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Operations;
using ModeScim.Tests.Unit.Emulator;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>An operation run against the in-process emulator with a recording host: the test sees the order of questions,
    /// errors and requests, the journal as a real file, and the server's state through its admin endpoints.</summary>
    public abstract class OperationTestBase : EmulatorTestBase, IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "modescim-ops-" + Guid.NewGuid().ToString("N"));

        private protected RecordingHost Recorder { get; } = new RecordingHost();

        private protected WireLog Wire { get; }

        protected OperationTestBase()
        {
            Wire = new WireLog(Recorder);
            Directory.CreateDirectory(_folder);
        }

        protected string JournalPath => Path.Combine(_folder, "journal.jsonl");

        protected Task StartServerAsync(Action<EmulatorOptions>? configure = null) =>
            StartAsync(configure: configure, handler: Wire);

        private protected ModeSession NewSession() => new ModeSession(Client, null, Host.BaseUri, 4);

        private protected JournalSession NewJournal() => new JournalSession(Recorder, JournalPath, Host.BaseUri);

        /// <summary>A journal that cannot be written: a plain file stands where its folder should be.</summary>
        private protected JournalSession BlockedJournal()
        {
            var blocker = Path.Combine(_folder, "blocker");
            File.WriteAllText(blocker, "a file, not a folder");
            return new JournalSession(Recorder, Path.Combine(blocker, "journal.jsonl"), Host.BaseUri);
        }

        /// <summary>The journal file's records now, each parsed (none when it does not exist yet).</summary>
        protected List<JsonNode> JournalRecords() => File.Exists(JournalPath)
            ? File.ReadAllLines(JournalPath).Where(line => line.Length > 0).Select(line => JsonNode.Parse(line)!).ToList()
            : new List<JsonNode>();

        /// <summary>The journal file's text now: what a change about to leave finds on disk.</summary>
        protected string JournalText() => File.Exists(JournalPath) ? File.ReadAllText(JournalPath) : string.Empty;

        /// <summary>Each change of a Create or Update record as "attribute: old -> new", old "-" when absent.</summary>
        protected static List<string> ChangesOf(JsonNode record) => record["changes"]!.AsArray()
            .Select(c => c!["attribute"]!.GetValue<string>() + ": " + (c["old"]?.GetValue<string>() ?? "-") + " -> "
                + (c["new"]?.GetValue<string>() ?? "null")).ToList();

        /// <summary>Lines in the journal file now (0 when it does not exist yet).</summary>
        protected int JournalLines() => File.Exists(JournalPath)
            ? File.ReadAllLines(JournalPath).Count(line => line.Length > 0)
            : 0;

        /// <summary>Changing requests (POST, PUT, PATCH, DELETE) the server has counted.</summary>
        protected async Task<int> ChangesSentAsync() => (await StatsAsync())["mutating"]!.GetValue<int>();

        /// <summary>Whether the server holds the user as active, read by id outside the client under test.</summary>
        protected async Task<bool> IsActiveAsync(string id)
        {
            var (_, body) = await SendAsync("GET", "Users/" + id);
            return body!["active"]!.GetValue<bool>();
        }

        /// <summary>GETs the client under test sent before its first change (POST, PUT, PATCH, DELETE): the reads a command made
        /// to decide and journal, not the read-backs after a change.</summary>
        protected int ReadsBeforeFirstChange() => Recorder.Events.Where(e => e.StartsWith("send ", StringComparison.Ordinal))
            .TakeWhile(e => e.StartsWith("send GET ", StringComparison.Ordinal)).Count();

        /// <summary>The group ids each user's record of <paramref name="action"/> names, by user id.</summary>
        protected Dictionary<string, List<string>> RecordedGroups(string action) => JournalRecords()
            .Where(r => r["action"]!.GetValue<string>() == action)
            .ToDictionary(r => r["userId"]!.GetValue<string>(),
                r => r["groups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()).OrderBy(id => id, StringComparer.Ordinal).ToList());

        /// <summary>Where in the log the first event starting with <paramref name="prefix"/> is; -1 when there is none.</summary>
        protected int FirstIndexOf(string prefix) =>
            Recorder.Events.Select((e, i) => (e, i)).Where(p => p.e.StartsWith(prefix, StringComparison.Ordinal))
                .Select(p => p.i).DefaultIfEmpty(-1).First();

        public void Dispose()
        {
            Wire.Dispose();
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
            GC.SuppressFinalize(this);
        }
    }
}
