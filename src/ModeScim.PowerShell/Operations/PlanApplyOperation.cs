using System;
using System.IO;
using System.Linq;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Plans;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Invoke-ModePlan was asked besides the plan.</summary>
    internal sealed class PlanApplyOptions
    {
        public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromHours(24);

        /// <summary>The approver has seen the guards the plan exceeded.</summary>
        public bool Force { get; set; }

        public TimeSpan MaxAge { get; set; } = DefaultMaxAge;

        /// <summary>The connection's limit of operations in one PATCH, for a group plan's member changes.</summary>
        public int? MaxOperationsPerRequest { get; set; }
    }

    /// <summary>Invoke-ModePlan: a saved plan is read and checked (its hash, its workspace, its age, its guards) before any
    /// request; then each affected resource is read again, the changes whose target is as planned are made, journalled as
    /// every other change is and each naming the plan, and each drifted one is refused alone (ModeScim.PlanDrift).</summary>
    internal sealed class PlanApplyOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly PlanApplyOptions _options;

        public PlanApplyOperation(IOperationHost host, ModeSession session, JournalSession journal, PlanApplyOptions options)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _options = options;
        }

        /// <summary>Applies the plan at <paramref name="path"/> (resolved), writing one result.</summary>
        public void Apply(string path)
        {
            var (document, sha256) = PlanFile.Read(path);
            _host.WriteVerbose("Plan " + document.Id + " (" + document.Kind + ", " + document.Changes.Count + " change(s)) made "
                + document.CreatedAt.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture) + " by "
                + document.Operator + " on " + document.Host + "; SHA-256 " + sha256 + " checked.");
            Check(path, document);
            using var claim = _host.IsWhatIf ? null : PlanClaim.Take(_host, path);
            var history = ReadHistory(document);
            // Several plans may be piped to one command: what an earlier plan read (admins, successors, groups) is stale
            // after its changes.
            _session.ForgetWorkspaceReads();
            var start = new PlanStart(_host, _journal, document, sha256, Path.GetFileName(path));
            if (document.Kind == PlanDocument.UserSync)
            {
                new UserPlanApplier(_host, _session, _journal, _options.Force).Apply(document, start, history);
            }
            else
            {
                new GroupPlanApplier(_host, _session, _journal, _options.MaxOperationsPerRequest).Apply(document, start, history);
            }
        }

        /// <summary>What the journal records as made under this plan already; refuses a journal that cannot be read, since a
        /// change made and since undone would then be made again.</summary>
        private PlanHistory ReadHistory(PlanDocument document)
        {
            try
            {
                var history = PlanHistory.Read(_journal.Path, document.Id);
                if (history.Count > 0)
                {
                    _host.WriteVerbose("The journal records " + history.Count + " change(s) of this plan as made already: they are "
                        + "not made again.");
                }
                return history;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new ModeScimRefusal(Errors.ErrorRecordFactory.InvalidInput("The journal " + _journal.Path + " could not be read ("
                    + ex.Message + "), so which of the plan's changes were made already cannot be told. Nothing was applied.",
                    _journal.Path, ex));
            }
        }

        /// <summary>Refuses, before any request, a plan for another workspace, one too old to trust, and one past its guards
        /// that no one said to apply anyway.</summary>
        private void Check(string path, PlanDocument document)
        {
            // The same workspace by the journal's rule (trailing slash and case aside); a plan always names one.
            if (string.IsNullOrEmpty(document.BaseUri) || !JournalIndex.SameWorkspace(document.BaseUri, _session.BaseUri))
            {
                throw new ModeScimRefusal(Errors.PlanErrors.WorkspaceMismatch(path, document.BaseUri, _session.BaseUri));
            }
            var age = DateTime.UtcNow - document.CreatedAt.ToUniversalTime();
            // A few minutes ahead is clock skew between the planning agent and this one, not a plan from the future.
            if (age > _options.MaxAge || age < TimeSpan.FromMinutes(-5))
            {
                throw new ModeScimRefusal(Errors.PlanErrors.Expired(path, document.CreatedAt, age, _options.MaxAge));
            }
            var exceeded = document.Guards.Where(g => g.Exceeded).ToList();
            if (exceeded.Count == 0)
            {
                return;
            }
            var names = string.Join("; ", exceeded.Select(g => g.Describe()));
            if (!_options.Force)
            {
                throw new ModeScimRefusal(Errors.PlanErrors.GuardExceeded(path, names));
            }
            _host.WriteWarning("Applying a plan past its guards (" + names + ") because -Force was given.");
        }
    }
}
