using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Workspace;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Get-ModeAccessReport reads before the users: the group side, then, with the REST API, Mode's own
    /// accounts and their last use. A failure that would make every row wrong ends the command.</summary>
    internal sealed class AccessReportSourcesReader
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly bool _unusedAsked;

        /// <param name="unusedAsked">-InactiveDays was given: a warning about unknown use says no row is marked Unused.</param>
        public AccessReportSourcesReader(IOperationHost host, ModeSession session, bool unusedAsked)
        {
            _host = host;
            _session = session;
            _unusedAsked = unusedAsked;
        }

        public AccessReportSources Read() => ReadWorkspace(ReadGroupSide());

        /// <summary>The group side (the same read a journalled disable trusts: members read alone where listings leave
        /// them out, never from a short listing), or null where it cannot be read whole.</summary>
        private ScimMembershipIndex? ReadGroupSide()
        {
            var progress = new ThrottledProgress(_host.WriteProgress, ProgressIds.Items, "Get-ModeAccessReport: reading groups");
            var before = _host.RequestsMade;
            try
            {
                var (index, source) = _host.Await(token => _session.Memberships.ReadWorkspaceIndexAsync(token),
                    () => progress.Report(0, null, (_host.RequestsMade - before) + " requests so far: groups and their members"));
                if (source == ScimMembershipSource.ModeApi || source == ScimMembershipSource.GroupFilter)
                {
                    _host.WriteVerbose("The groups hide their members: memberships were read from "
                        + (source == ScimMembershipSource.ModeApi ? "Mode's REST API." : "a filter on /Groups, one request per user."));
                }
                return index;
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.InvalidResponse)
            {
                _host.WriteWarning("The groups could not be read whole (" + ex.Message + ").");
                return null;
            }
            catch (ScimException ex)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.FromScimException(ex, null, ScimResourceKind.Group));
            }
            finally
            {
                progress.Complete();
            }
        }

        /// <summary>The sources with Mode's own accounts and, where the Discovery API is open, their last use; the group side
        /// alone without the REST API.</summary>
        private AccessReportSources ReadWorkspace(ScimMembershipIndex? groups)
        {
            var api = _session.Api;
            if (api == null)
            {
                return new AccessReportSources(groups, null, null);
            }
            try
            {
                // Engagement first: the emails it carries spare a request per account where the lite list is not served.
                var engagement = _host.Await(api.ReadEngagementAsync);
                var directory = new WorkspaceDirectory(_host.Await(token => api.ReadAccountsAsync(engagement, token)));
                if (engagement == null)
                {
                    _host.WriteWarning("The Discovery API is not open to these credentials (it needs the Enterprise plan and an"
                        + " admin's token): the last engaged day is unknown"
                        + (_unusedAsked ? " and no row is marked Unused." : "."));
                }
                return new AccessReportSources(groups, directory, engagement == null ? null : new WorkspaceActivity(engagement));
            }
            catch (ScimException ex)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.FromScimException(ex, api.Options.ApiBaseUri, ScimResourceKind.Other));
            }
        }
    }
}
