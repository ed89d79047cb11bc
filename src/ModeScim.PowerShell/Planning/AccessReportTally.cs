using System;
using System.Linq;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Workspace;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>The access review's counts, kept as its rows go by: the rows themselves are written as they are made, so
    /// a review of a large workspace holds neither its users nor its rows.</summary>
    internal sealed class AccessReportTally
    {
        private int _total;
        private int _ok;
        private int _orphaned;
        private int _inactive;
        private int _missing;
        private int _unmanaged;
        private int _unused;
        private int _invited;
        private int _activeInScim;

        public void Add(ModeAccessReportRow row)
        {
            _total++;
            if (row.InScim && row.Active == true)
            {
                _activeInScim++;
            }
            switch (row.Status)
            {
                case ModeAccessStatus.Ok:
                    _ok++;
                    break;
                case ModeAccessStatus.Orphaned:
                    _orphaned++;
                    break;
                case ModeAccessStatus.Inactive:
                    _inactive++;
                    break;
                case ModeAccessStatus.Missing:
                    _missing++;
                    break;
                case ModeAccessStatus.Unmanaged:
                    _unmanaged++;
                    break;
                case ModeAccessStatus.Unused:
                    _unused++;
                    break;
                case ModeAccessStatus.Invited:
                    _invited++;
                    break;
                default:
                    throw new ArgumentException("A report row without a known status: '" + row.Status + "'.", nameof(row));
            }
        }

        /// <summary>Seats and admins come from Mode's own list of accounts when the REST API was read, else from SCIM.</summary>
        public ModeAccessReportSummary ToSummary(WorkspaceDirectory? directory)
        {
            return new ModeAccessReportSummary
            {
                Total = _total,
                Ok = _ok,
                Orphaned = _orphaned,
                Inactive = _inactive,
                Missing = _missing,
                Unmanaged = _unmanaged,
                Unused = _unused,
                Invited = _invited,
                ActiveSeats = directory != null ? directory.Accounts.Count(a => a.IsActive) : _activeInScim,
                Admins = directory?.Accounts.Count(a => a.IsActive && a.Admin == true),
                GeneratedAt = DateTime.UtcNow,
            };
        }
    }
}
