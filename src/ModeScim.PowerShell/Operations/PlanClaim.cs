using System;
using System.IO;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>A plan being applied, held by one job: a lock file beside the plan, opened for this job alone and deleted
    /// when it lets go. Two jobs applying one plan would both find its leavers active and both journal them, the second
    /// after the first had made Mode drop their groups.</summary>
    internal sealed class PlanClaim : IDisposable
    {
        private readonly FileStream _lock;

        private PlanClaim(FileStream fileLock) => _lock = fileLock;

        /// <summary>The claim; refuses (ModeScim.PlanInUse) while another job holds it. Where no lock file can be made (a
        /// read-only folder), says so and goes on without one: the plan is still checked against the server.</summary>
        public static PlanClaim? Take(IOperationHost host, string planPath)
        {
            var path = planPath + ".lock";
            try
            {
                return new PlanClaim(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1,
                    FileOptions.DeleteOnClose));
            }
            catch (UnauthorizedAccessException ex)
            {
                host.WriteWarning("No lock file could be made beside the plan (" + ex.Message + "): another job applying the same "
                    + "plan at the same time would not be stopped.");
                return null;
            }
            catch (IOException ex)
            {
                throw new ModeScimRefusal(PlanErrors.InUse(planPath, ex));
            }
        }

        public void Dispose() => _lock.Dispose();
    }
}
