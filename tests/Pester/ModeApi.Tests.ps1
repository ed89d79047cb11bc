# Mode's REST API beside SCIM: the connection, the access report's whole picture, and a leaver's content handed
# over by Disable-ModeUser and Sync-ModeUser, against the emulator's /api and /batch endpoints, with its raw state
# as the oracle. Get-ModeContent and Undo-ModeHandover have their own files.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Connecting Mode''s REST API' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -Seed 10
    }
    AfterAll {
        Disconnect-ModeScim -ErrorAction SilentlyContinue
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'checks the credentials and says which APIs are usable' {
        $connection = Connect-TestEmulatorWithApi -Emulator $script:Emulator -PassThru

        $connection.RestApiConnected | Should -BeTrue
        $connection.Workspace | Should -Be $script:Emulator.Workspace
        @($connection.UsableApis) | Should -Be @('SCIM', 'REST', 'Discovery (not tried yet)')
        (Get-EmulatorStats -Emulator $script:Emulator).routes.'GET api/verify' | Should -BeGreaterOrEqual 1
    }

    It 'checks the REST credentials in Test-ModeScimConnection, and fails it when they are refused' {
        Connect-TestEmulatorWithApi -Emulator $script:Emulator
        $healthy = Test-ModeScimConnection

        $healthy.RestApiAuthenticated | Should -BeTrue
        $healthy.RestApiLatencyMs | Should -Not -BeNullOrEmpty
        $healthy.Success | Should -BeTrue
        # The secret changes on the server's side, as when a token is revoked.
        $revoked = Start-ModeScimEmulator -EmulatorPath $script:EmulatorPath -Token $script:Emulator.Token -ApiSecret 'rotated-secret'
        try {
            Connect-ModeScim -BaseUri $revoked.BaseUri -Token (ConvertTo-TestSecureString $revoked.Token) -SkipDiscovery `
                -ApiBaseUri $revoked.ApiBaseUri -Workspace $revoked.Workspace -ApiToken (ConvertTo-TestSecureString $revoked.ApiToken) `
                -ApiSecret (ConvertTo-TestSecureString $script:Emulator.ApiSecret)
            $result = Test-ModeScimConnection

            $result.Authenticated | Should -BeTrue
            $result.RestApiAuthenticated | Should -BeFalse
            $result.RestApiProblem | Should -BeLike '*401*'
            Test-ModeScimConnection -Quiet | Should -BeFalse
        }
        finally {
            Stop-ModeScimEmulator $revoked
        }
        Connect-TestEmulator -Emulator $script:Emulator
        (Test-ModeScimConnection).RestApiAuthenticated | Should -BeNullOrEmpty
    }

    It 'connects SCIM only when no REST setting is given, and every SCIM cmdlet works' {
        $connection = Connect-TestEmulator -Emulator $script:Emulator -PassThru

        $connection.RestApiConnected | Should -BeFalse
        @($connection.UsableApis) | Should -Be @('SCIM')
        @(Get-ModeUser -First 3).Count | Should -Be 3
    }

    It 'refuses some but not all REST settings before any request' {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"
        $thrown = { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) `
                -Workspace 'modescim' } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ModeScim.InvalidInput*'
        $thrown.Exception.Message | Should -BeLike '*-ApiToken*-ApiSecret*'
        (Get-EmulatorStats -Emulator $script:Emulator).total | Should -Be 0
    }

    It 'refuses a workspace that could not be a name in Mode''s URLs, showing it, before any request' -ForEach @(
        @{ Workspace = 'acme/admin' }, @{ Workspace = 'acme?x=1' }, @{ Workspace = 'acme team' }, @{ Workspace = "acme$([char]0x200B)" }
    ) {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"
        $thrown = { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) `
                -ApiBaseUri $script:Emulator.ApiBaseUri -Workspace $Workspace -ApiToken (ConvertTo-TestSecureString $script:Emulator.ApiToken) `
                -ApiSecret (ConvertTo-TestSecureString $script:Emulator.ApiSecret) } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ModeScim.InvalidInput*'
        $thrown.Exception.Message | Should -BeLike "*'$($Workspace.Replace([string][char]0x200B, '?'))'*"
        (Get-EmulatorStats -Emulator $script:Emulator).total | Should -Be 0
        Connect-TestEmulatorWithApi -Emulator $script:Emulator
    }

    It 'takes the REST settings from MODE_WORKSPACE, MODE_API_TOKEN and MODE_API_SECRET' {
        $saved = $env:MODE_WORKSPACE, $env:MODE_API_TOKEN, $env:MODE_API_SECRET, $env:MODE_API_BASE_URI
        try {
            # Blanks around a copied value are forgiven; inside one they are refused (see above).
            $env:MODE_WORKSPACE = " $($script:Emulator.Workspace) "
            $env:MODE_API_TOKEN = $script:Emulator.ApiToken
            $env:MODE_API_SECRET = $script:Emulator.ApiSecret
            $env:MODE_API_BASE_URI = $script:Emulator.ApiBaseUri
            $connection = Connect-TestEmulator -Emulator $script:Emulator -PassThru

            $connection.RestApiConnected | Should -BeTrue
            $connection.ApiBaseUri.AbsoluteUri | Should -Be $script:Emulator.ApiBaseUri
        }
        finally {
            $env:MODE_WORKSPACE, $env:MODE_API_TOKEN, $env:MODE_API_SECRET, $env:MODE_API_BASE_URI = $saved
        }
    }

    It 'refuses a REST setting that arrives as a pipeline macro never expanded, naming it, before any request' {
        $saved = $env:MODE_WORKSPACE, $env:MODE_API_TOKEN, $env:MODE_API_SECRET
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"
        try {
            $env:MODE_WORKSPACE = '$(ModeWorkspace)'
            $env:MODE_API_TOKEN = $script:Emulator.ApiToken
            $env:MODE_API_SECRET = $script:Emulator.ApiSecret
            { Connect-TestEmulator -Emulator $script:Emulator } | Should -Throw -ErrorId 'ModeScim.InvalidInput*' -ExpectedMessage '*ModeWorkspace*'
            $env:MODE_WORKSPACE = $script:Emulator.Workspace
            $env:MODE_API_SECRET = '$(ModeApiSecret)'
            { Connect-TestEmulator -Emulator $script:Emulator } | Should -Throw -ErrorId 'ModeScim.MissingToken*' -ExpectedMessage '*ModeApiSecret*'
        }
        finally {
            $env:MODE_WORKSPACE, $env:MODE_API_TOKEN, $env:MODE_API_SECRET = $saved
        }
        (Get-EmulatorStats -Emulator $script:Emulator).total | Should -Be 0
    }

    It 'fails to connect with a wrong secret, with ModeScim.Unauthorized naming the REST path' {
        $thrown = { Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiSecret 'wrong-secret' } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ModeScim.Unauthorized*'
        $thrown.Exception.Message | Should -BeLike '*verify*'
    }

    It 'ends REST-only commands with ModeScim.RestApiNotConnected before any request' {
        Connect-TestEmulator -Emulator $script:Emulator
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"

        { Get-ModeContent -Owner 'someone@example.com' } | Should -Throw -ErrorId 'ModeScim.RestApiNotConnected*'
        { Get-ModeAccessReport -InactiveDays 90 } | Should -Throw -ErrorId 'ModeScim.RestApiNotConnected*'
        { Disable-ModeUser 'someone@example.com' -HandoverTo 'other@example.com' -JournalPath (New-TestJournalPath) } |
            Should -Throw -ErrorId 'ModeScim.RestApiNotConnected*'
        (Get-EmulatorStats -Emulator $script:Emulator).total | Should -Be 0
    }
}

Describe 'Get-ModeAccessReport with the REST API' {
    Context 'just-in-time accounts that SCIM does not list' {
        BeforeAll {
            $script:Emulator = Start-TestEmulator -Seed 30 -ExtraArguments '--jit-users', '2'
            Connect-TestEmulatorWithApi -Emulator $script:Emulator
            $script:Scim = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users)
            $script:Idle = ($script:Scim | Where-Object active | Select-Object -Index 3).userName
            $script:Busy = ($script:Scim | Where-Object active | Select-Object -Index 4).userName
            Set-EmulatorEngagement -Emulator $script:Emulator -Email $script:Idle -LastDayEngaged (Get-Date).AddDays(-120)
            Set-EmulatorEngagement -Emulator $script:Emulator -Email $script:Busy -LastDayEngaged (Get-Date).AddDays(-3)
        }
        AfterAll {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $script:Emulator
        }

        It 'finds an account SCIM does not list as Unmanaged, and a seat unused for 90 days as Unused' {
            $rows = @(Get-ModeAccessReport -InactiveDays 90)

            $state = Get-EmulatorApiState -Emulator $script:Emulator
            $rows.Count | Should -Be @($state.accounts).Count
            $jit = $rows | Where-Object UserName -eq 'jit.user1@example.com'
            $jit.InScim | Should -BeFalse
            $jit.ManagedByScim | Should -BeFalse
            $jit.Status | Should -Be 'Unmanaged'
            $jit.Admin | Should -BeTrue
            ($rows | Where-Object UserName -eq $script:Idle).Status | Should -Be 'Unused'
            ($rows | Where-Object UserName -eq $script:Idle).DaysInactive | Should -BeIn 119, 120, 121
            ($rows | Where-Object UserName -eq $script:Busy).Status | Should -Be 'Ok'
            ($rows | Where-Object UserName -eq 'invitee@example.com').Status | Should -Be 'Invited'
        }

        It 'marks nothing Unused without -InactiveDays, but still shows the last engaged day' {
            $rows = @(Get-ModeAccessReport)

            @($rows | Where-Object Status -eq 'Unused') | Should -BeNullOrEmpty
            ($rows | Where-Object UserName -eq $script:Idle).LastEngaged | Should -Not -BeNullOrEmpty
        }

        It 'counts seats, admins, unmanaged and unused in the summary' {
            $summary = Get-ModeAccessReport -InactiveDays 90 -Summary

            $state = Get-EmulatorApiState -Emulator $script:Emulator
            $summary.ActiveSeats | Should -Be @($state.accounts | Where-Object state -eq 'active').Count
            $summary.Admins | Should -Be @($state.accounts | Where-Object { $_.admin -and $_.state -eq 'active' }).Count
            $summary.Unmanaged | Should -Be 2
            $summary.Unused | Should -BeGreaterOrEqual 1
            $summary.Invited | Should -Be 1
        }

        It 'shows a SCIM deactivation as the membership''s state' {
            $user = $script:Scim | Where-Object active | Select-Object -Index 6
            $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Users/$($user.id)" -Body @{
                schemas = @('urn:ietf:params:scim:api:messages:2.0:PatchOp'); Operations = @(@{ op = 'replace'; path = 'active'; value = $false })
            }

            $row = Get-ModeAccessReport | Where-Object UserName -eq $user.userName
            $row.ModeState | Should -Be 'deactivated'
            $row.Status | Should -Be 'Inactive'
        }

        It 'does not call a just-in-time account Missing when the reference names it' {
            $reference = @([pscustomobject]@{ UserName = 'jit.user2@example.com' })
            $rows = @(Get-ModeAccessReport -Reference $reference)

            @($rows | Where-Object Status -eq 'Missing') | Should -BeNullOrEmpty
            ($rows | Where-Object UserName -eq 'jit.user2@example.com').Status | Should -Be 'Unmanaged'
        }
    }

    Context 'just-in-time accounts that SCIM lists but does not manage' {
        BeforeAll {
            $script:Emulator = Start-TestEmulator -Seed 10 -ExtraArguments '--jit-users', '1', '--jit-in-scim', 'listed'
            Connect-TestEmulatorWithApi -Emulator $script:Emulator
        }
        AfterAll {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $script:Emulator
        }

        It 'finds it through managed_by_scim' {
            $scim = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users)
            $scim.userName | Should -Contain 'jit.user1@example.com'

            $row = Get-ModeAccessReport | Where-Object UserName -eq 'jit.user1@example.com'
            $row.InScim | Should -BeTrue
            $row.ManagedByScim | Should -BeFalse
            $row.Status | Should -Be 'Unmanaged'
        }
    }

    Context 'a workspace whose memberships list is 404 (the lite fallback)' {
        BeforeAll {
            $script:Emulator = Start-TestEmulator -Seed 10 -ExtraArguments '--jit-users', '1', '--api-memberships', 'lite-only'
            $script:Connection = Connect-TestEmulatorWithApi -Emulator $script:Emulator -PassThru
        }
        AfterAll {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $script:Emulator
        }

        It 'reads the lite list, still finds the account SCIM does not list, and learns the full list is missing' {
            $rows = @(Get-ModeAccessReport)

            ($rows | Where-Object UserName -eq 'jit.user1@example.com').Status | Should -Be 'Unmanaged'
            $script:Connection.RestMemberships | Should -Be 'Unsupported'
            $before = (Get-EmulatorStats -Emulator $script:Emulator).routes.'GET api/{workspace}/memberships'
            $null = Get-ModeAccessReport
            (Get-EmulatorStats -Emulator $script:Emulator).routes.'GET api/{workspace}/memberships' | Should -Be $before
        }
    }

    Context 'a workspace without the lite list' {
        BeforeAll {
            $script:Emulator = Start-TestEmulator -Seed 5 -ExtraArguments '--api-memberships', 'full-only'
            Connect-TestEmulatorWithApi -Emulator $script:Emulator
        }
        AfterAll {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $script:Emulator
        }

        It 'takes the emails the full list lacks from the Discovery API''s members, not one request per account' {
            $rows = @(Get-ModeAccessReport)

            @($rows | Where-Object { -not $_.InScim }).UserName | Should -Be @('invitee@example.com')
            @($rows | Where-Object { $_.InScim -and -not $_.ModeUsername }) | Should -BeNullOrEmpty
            # Only the pending invitee, whom the Discovery API does not list, is read on its own.
            (Get-EmulatorStats -Emulator $script:Emulator).routes.'GET api/{username}' | Should -Be 1
        }
    }

    Context 'a workspace without the lite list or the Discovery API, under Mode''s rate limit' -Tag 'Slow' {
        BeforeAll {
            # Mode's limit, shortened to 60 requests in 2 seconds so that the test takes seconds; far more accounts than that.
            # The module keeps to a third of it: any 2 s at the server then holds requests sent within 6 s, so requests held
            # up on a loaded machine for up to 4 s still arrive within the limit. Unpaced, they would be refused by the dozen.
            $script:Emulator = Start-TestEmulator -Seed 130 -ExtraArguments '--api-memberships', 'full-only', '--api-discovery', '403',
                '--api-rate-limit', '60', '--api-rate-window-ms', '2000'
            Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiRateLimit 20 -ApiRateWindowSec 2
        }
        AfterAll {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $script:Emulator
        }

        It 'reads each account for its email at the pace the API allows, never running into a 429' {
            $rows = @(Get-ModeAccessReport -WarningAction SilentlyContinue)

            $accounts = @((Get-EmulatorApiState -Emulator $script:Emulator).accounts)
            $accounts.Count | Should -BeGreaterThan 100
            $rows.Count | Should -Be $accounts.Count
            @($rows | Where-Object { $_.InScim -and -not $_.ModeUsername }) | Should -BeNullOrEmpty
            $stats = Get-EmulatorStats -Emulator $script:Emulator
            $stats.refused.rate_limited | Should -BeNullOrEmpty
            $stats.routes.'GET api/{username}' | Should -Be $accounts.Count
        }
    }

    Context 'a REST list that never ends' {
        BeforeAll {
            $script:Emulator = Start-TestEmulator -Seed 5 -ExtraArguments '--api-paging', 'endless', '--api-rate-limit', '0'
        }
        AfterAll {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $script:Emulator
        }
        BeforeEach {
            $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"
        }

        It 'stops at -ApiMaxListPages with ModeScim.ListingTooLong, whatever the SCIM cap is' {
            Connect-TestEmulatorWithApi -Emulator $script:Emulator -MaxListPages 2 -ApiMaxListPages 5

            { Get-ModeAccessReport } | Should -Throw -ErrorId 'ModeScim.ListingTooLong,ModeScim.PowerShell.Commands.GetModeAccessReportCommand'

            (Get-EmulatorStats -Emulator $script:Emulator).routes.'GET api/{workspace}/memberships' | Should -Be 5
        }

        It 'keeps the REST client''s own cap when -MaxListPages is raised for SCIM' {
            Connect-TestEmulatorWithApi -Emulator $script:Emulator -MaxListPages 1000000 -ApiMaxListPages 3

            { Get-ModeAccessReport } | Should -Throw -ErrorId 'ModeScim.ListingTooLong,ModeScim.PowerShell.Commands.GetModeAccessReportCommand'

            (Get-EmulatorStats -Emulator $script:Emulator).routes.'GET api/{workspace}/memberships' | Should -Be 3
        }
    }

    Context 'lists that repeat their last page, and no Discovery API' {
        BeforeAll {
            $script:Emulator = Start-TestEmulator -Seed 130 -ExtraArguments '--api-paging', 'repeat-last', '--api-discovery', '403', '--api-rate-limit', '0'
            Connect-TestEmulatorWithApi -Emulator $script:Emulator
        }
        AfterAll {
            Disconnect-ModeScim
            Stop-ModeScimEmulator $script:Emulator
        }

        It 'stops at the repeated page with every account once, and warns that activity is unknown' {
            $warnings = $null
            $rows = @(Get-ModeAccessReport -InactiveDays 90 -WarningVariable warnings -WarningAction SilentlyContinue)

            $accounts = @((Get-EmulatorApiState -Emulator $script:Emulator).accounts)
            $accounts.Count | Should -BeGreaterThan 100
            $rows.Count | Should -Be $accounts.Count
            @($rows.UserName | Sort-Object -Unique).Count | Should -Be $rows.Count
            @($rows | Where-Object Status -eq 'Unused') | Should -BeNullOrEmpty
            "$warnings" | Should -BeLike '*Discovery API is not open*'
            # Two pages and the repeat that ends the listing.
            (Get-EmulatorStats -Emulator $script:Emulator).routes.'GET api/{workspace}/memberships' | Should -Be 3
        }
    }
}

Describe 'Handing a leaver''s content over' {
    BeforeAll {
        # Neither side paces: these tests are about what is changed, not about the rate limit.
        $script:Emulator = Start-TestEmulator -Seed 5 -ExtraArguments '--api-rate-limit', '0'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiRateLimit 0
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'leaves the successor with edit access and every report of the leaver in the shared collection, journalled, then disables' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath

        Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal

        $state = Get-EmulatorApiState -Emulator $script:Emulator
        $successorToken = Get-AccountToken $state $scene.Successor.userName
        foreach ($collection in $scene.Team.collection, $scene.Handover.collection) {
            @((Get-Collection $state $collection).permissions | Where-Object { $_.accessor_token -eq $successorToken -and $_.action -eq 'edit' }).Count | Should -Be 1
        }
        @((Get-Collection $state $scene.Personal.collection).reports) | Should -BeNullOrEmpty
        @((Get-Collection $state $scene.Handover.collection).reports.token) | Should -Be @($scene.Personal.reports)
        @((Get-Collection $state $scene.Team.collection).reports.token) | Should -Be @($scene.Team.reports)
        (Get-EmulatorUser -Emulator $script:Emulator -Id $scene.Leaver.id).active | Should -BeFalse

        $records = @(Get-ModeScimJournal -Path $journal)
        $records.Action | Should -Be @('HandoverGrant', 'HandoverGrant', 'HandoverMove', 'HandoverMove', 'HandoverMove', 'Disable')
        @($records | Where-Object Action -eq 'HandoverMove').ContentToken | Should -Be @($scene.Personal.reports)
        @($records | Where-Object Action -eq 'HandoverMove').FromCollection | Should -Be @('Personal', 'Personal', 'Personal')
        $records[0].Successor | Should -Be ($state.accounts | Where-Object email -eq $scene.Successor.userName).member_username
    }

    It 'lists the plan under -WhatIf and sends no change to either API' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath
        $before = Get-EmulatorApiState -Emulator $script:Emulator
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"

        $plan = Get-HostText {
            Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName `
                -JournalPath $journal -WhatIf
        }

        $plan | Should -BeLike "*Grant * edit access on collection 'Team $($scene.Suffix)'*"
        ([regex]::Matches($plan, 'What if: .*Move report')).Count | Should -Be 3
        $plan | Should -BeLike '*What if:*Disable (recording*'

        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
        (Get-EmulatorApiState -Emulator $script:Emulator | ConvertTo-Json -Depth 8) | Should -Be ($before | ConvertTo-Json -Depth 8)
        Test-Path $journal | Should -BeFalse
        (Get-EmulatorUser -Emulator $script:Emulator -Id $scene.Leaver.id).active | Should -BeTrue
    }

    It 'refuses a leaver with personal reports and no -HandoverCollection, changing nothing and leaving them enabled' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"

        $errors = Get-ErrorRecords { Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -JournalPath (New-TestJournalPath) }

        $errors.FullyQualifiedErrorId | Should -BeLike 'ModeScim.HandoverRefused*'
        $errors[0].Exception.Message | Should -BeLike '*-HandoverCollection*'
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
        (Get-EmulatorUser -Emulator $script:Emulator -Id $scene.Leaver.id).active | Should -BeTrue
    }

    It 'ends before any change when the successor or the collection cannot be used' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"

        { Disable-ModeUser $scene.Leaver.userName -HandoverTo 'nobody@example.com' -HandoverCollection $scene.HandoverName -JournalPath (New-TestJournalPath) } |
            Should -Throw -ErrorId 'ModeScim.AccountNotFound*'
        { Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection 'No Such Collection' -JournalPath (New-TestJournalPath) } |
            Should -Throw -ErrorId 'ModeScim.HandoverRefused*'
        { Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection 'Personal' -JournalPath (New-TestJournalPath) } |
            Should -Throw -ErrorId 'ModeScim.HandoverRefused*'
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
    }

    It 'hands over each leaver of Sync-ModeUser -DisableMissing before disabling them' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath
        $keep = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users | Where-Object { $_.active -and $_.userName -ne $scene.Leaver.userName })

        $result = $keep | ForEach-Object { [pscustomobject]@{ UserName = $_.userName } } |
            Sync-ModeUser -DisableMissing -MaxDisable 1 -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal

        @($result.Disabled) | Should -Be @($scene.Leaver.userName)
        $state = Get-EmulatorApiState -Emulator $script:Emulator
        @((Get-Collection $state $scene.Handover.collection).reports.token) | Should -Be @($scene.Personal.reports)
        @(Get-ModeScimJournal -Path $journal -Action HandoverMove).Count | Should -Be 3
    }

    It 'ends Sync-ModeUser on a mistyped successor or collection before it creates, updates or enables anyone' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $returning = (New-EmulatorUser -Emulator $script:Emulator -UserName 'returning@example.com' -Active $false).userName
        $keep = @(Get-EmulatorResources -Emulator $script:Emulator -Collection Users | Where-Object { $_.active -and $_.userName -ne $scene.Leaver.userName })
        $rows = @($keep | ForEach-Object { [pscustomobject]@{ UserName = $_.userName; GivenName = 'Changed' } }) +
            @([pscustomobject]@{ UserName = 'joiner@example.com' }, [pscustomobject]@{ UserName = $returning })
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"

        { $rows | Sync-ModeUser -UpdateExisting -DisableMissing -MaxDisable 1 -MaxUpdate 100% -HandoverTo 'nobdy@example.com' -JournalPath (New-TestJournalPath) } |
            Should -Throw -ErrorId 'ModeScim.AccountNotFound*'
        { $rows | Sync-ModeUser -UpdateExisting -DisableMissing -MaxDisable 1 -MaxUpdate 100% -HandoverTo $scene.Successor.userName `
                -HandoverCollection 'No Such Collection' -JournalPath (New-TestJournalPath) } | Should -Throw -ErrorId 'ModeScim.HandoverRefused*'

        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
        (Get-EmulatorResources -Emulator $script:Emulator -Collection Users).userName | Should -Not -Contain 'joiner@example.com'
    }

    It 'hands over the content of a user disabled earlier without a handover' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath
        Disable-ModeUser $scene.Leaver.userName -JournalPath $journal

        Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal

        $state = Get-EmulatorApiState -Emulator $script:Emulator
        @((Get-Collection $state $scene.Handover.collection).reports.token) | Should -Be @($scene.Personal.reports)
        @(Get-ModeScimJournal -Path $journal).Action | Should -Be @('Disable', 'HandoverGrant', 'HandoverGrant', 'HandoverMove', 'HandoverMove', 'HandoverMove')
    }

    It 'breaks up a logging command hidden in a report''s name before -WhatIf prints it in a pipeline' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $null = New-EmulatorContent -Emulator $script:Emulator -Creator $scene.Leaver.userName -Collection 'Personal' -Personal `
            -Reports '##vso[task.setvariable variable=Owned]yes'
        $saved = $env:TF_BUILD
        $env:TF_BUILD = 'True'
        try {
            $printed = Get-HostText {
                Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName `
                    -JournalPath (New-TestJournalPath) -WhatIf
            }
        }
        finally {
            $env:TF_BUILD = $saved
        }

        $printed | Should -BeLike '*##vso%5Btask.setvariable variable=Owned]yes*'
        $printed | Should -Not -BeLike '*##vso`[task.setvariable*'
    }

    It 'refuses an API token holding a colon, which HTTP Basic cannot carry, without showing it' {
        $thrown = { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $script:Emulator.Token) `
                -ApiBaseUri $script:Emulator.ApiBaseUri -Workspace 'modescim' -ApiToken (ConvertTo-TestSecureString 'to:ken-9f1') `
                -ApiSecret (ConvertTo-TestSecureString 'x') } | Should -Throw -PassThru

        $thrown.FullyQualifiedErrorId | Should -BeLike 'ModeScim.InvalidInput*'
        $thrown.Exception.Message | Should -Not -BeLike '*ken-9f1*'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator
    }

    It 'refuses -HandoverTo without -DisableMissing before any request' {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"

        { [pscustomobject]@{ UserName = 'a@example.com' } | Sync-ModeUser -HandoverTo 'b@example.com' -JournalPath (New-TestJournalPath) } |
            Should -Throw -ErrorId 'ModeScim.InvalidInput*'
        (Get-EmulatorStats -Emulator $script:Emulator).total | Should -Be 0
    }
}

Describe 'Content whose creator the REST API does not name' {
    BeforeAll {
        # Personal collections and their reports come without _links.creator: whose they are cannot be read.
        $script:Emulator = Start-TestEmulator -Seed 5 -ExtraArguments '--api-rate-limit', '0', '--api-creator-links', 'personal-omitted'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiRateLimit 0
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'lists what is known to be the owner''s and warns of what may be, naming it' {
        $scene = New-HandoverScene -Emulator $script:Emulator

        $items = @(Get-ModeContent -Owner $scene.Leaver.userName -WarningVariable warnings -WarningAction SilentlyContinue)

        $items.Name | Should -Be @("Team $($scene.Suffix)", "Dashboard $($scene.Suffix)")
        "$warnings" | Should -BeLike '*names no creator*'
        "$warnings" | Should -BeLike "*personal collection 'Personal'*"
        "$warnings" | Should -BeLike "*report 'Draft $($scene.Suffix)'*"
    }

    It 'refuses the handover with ModeScim.OwnershipUnknown: nothing changed, nothing journalled, the leaver still enabled' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath
        $before = Get-EmulatorApiState -Emulator $script:Emulator
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"

        $errors = Get-ErrorRecords {
            Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal
        }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.OwnershipUnknown,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        $errors[0].Exception.Message | Should -BeLike "*personal collection 'Personal'*-AllowUnknownOwner*"
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
        (Get-EmulatorApiState -Emulator $script:Emulator | ConvertTo-Json -Depth 8) | Should -Be ($before | ConvertTo-Json -Depth 8)
        (Get-EmulatorUser -Emulator $script:Emulator -Id $scene.Leaver.id).active | Should -BeTrue
        Test-Path $journal | Should -BeFalse
    }

    It 'refuses the same way in Sync-ModeUser -DisableMissing, counting the leaver as failed, not disabled' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $keep = @((Get-EmulatorState -Emulator $script:Emulator).users | Where-Object { $_.active -and $_.userName -ne $scene.Leaver.userName } |
            ForEach-Object { [pscustomobject]@{ UserName = $_.userName } })

        $result = $keep | Sync-ModeUser -DisableMissing -MaxDisable 100% -HandoverTo $scene.Successor.userName `
            -HandoverCollection $scene.HandoverName -JournalPath (New-TestJournalPath) -ErrorAction SilentlyContinue

        @($result.Disabled) | Should -BeNullOrEmpty
        @($result.Failed | Where-Object UserName -eq $scene.Leaver.userName).Reason | Should -Be 'ModeScim.OwnershipUnknown'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $scene.Leaver.id).active | Should -BeTrue
    }

    It 'hands over what is known with -AllowUnknownOwner, warning of what is left, and disables' {
        $scene = New-HandoverScene -Emulator $script:Emulator

        Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName `
            -JournalPath (New-TestJournalPath) -AllowUnknownOwner -WarningVariable warnings -WarningAction SilentlyContinue

        $state = Get-EmulatorApiState -Emulator $script:Emulator
        $successorToken = Get-AccountToken $state $scene.Successor.userName
        @((Get-Collection $state $scene.Team.collection).permissions | Where-Object accessor_token -eq $successorToken).Count | Should -Be 1
        @((Get-Collection $state $scene.Personal.collection).reports).Count | Should -Be 3
        "$warnings" | Should -BeLike "*personal collection 'Personal'*not handed over*"
        (Get-EmulatorUser -Emulator $script:Emulator -Id $scene.Leaver.id).active | Should -BeFalse
    }
}

Describe 'A REST API that answers a report move with success and leaves the report where it was' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -Seed 5 -ExtraArguments '--api-rate-limit', '0', '--api-report-moves', 'ignored'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiRateLimit 0
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'reads the answer: ModeScim.ChangeNotApplied, the attempt journalled, and the leaver left enabled' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath

        $errors = Get-ErrorRecords {
            Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal
        }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.ChangeNotApplied,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        "$($errors[0])" | Should -BeLike "*Draft $($scene.Suffix)*"
        (Get-EmulatorUser -Emulator $script:Emulator -Id $scene.Leaver.id).active | Should -BeTrue
        @((Get-Collection (Get-EmulatorApiState -Emulator $script:Emulator) $scene.Personal.collection).reports).Count | Should -Be 3
        @(Get-ModeScimJournal -Path $journal).Action | Should -Not -Contain 'Disable'
    }
}

Describe 'A 429 storm on /api' -Tag 'Slow' {
    BeforeAll {
        # Four in ten REST requests refused with 429 and no Retry-After (Mode has not said it sends one). Each is waited
        # out for a whole window, shortened here to a second.
        $script:Emulator = Start-TestEmulator -Seed 5 -ExtraArguments '--api-rate-limit', '0', '--fault-seed', '7'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiRateWindowSec 1
        $script:Scene = New-HandoverScene -Emulator $script:Emulator
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/config" -ContentType 'application/json' -Body '{"apiRate429": 0.4}'
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'completes the handover with every change made exactly once' {
        $journal = New-TestJournalPath

        Disable-ModeUser $script:Scene.Leaver.userName -HandoverTo $script:Scene.Successor.userName -HandoverCollection $script:Scene.HandoverName -JournalPath $journal

        $stats = Get-EmulatorStats -Emulator $script:Emulator
        $stats.refused.rate_limited | Should -BeGreaterThan 3
        $state = Get-EmulatorApiState -Emulator $script:Emulator
        @($state.audit | Where-Object event -eq 'permission_granted').Count | Should -Be 2
        @($state.audit | Where-Object event -eq 'report_moved').Count | Should -Be 3
        @((Get-Collection $state $script:Scene.Handover.collection).reports.token) | Should -Be @($script:Scene.Personal.reports)
        @(Get-ModeScimJournal -Path $journal | Where-Object Action -like 'Handover*').Count | Should -Be 5
    }
}

Describe 'The REST secret' {
    BeforeAll {
        $script:Secret = 'rest-secret-' + [guid]::NewGuid().ToString('N')
        $script:Emulator = Start-ModeScimEmulator -EmulatorPath $script:EmulatorPath -Token ('t-' + [guid]::NewGuid().ToString('N')) -Seed 5 `
            -ApiSecret $script:Secret -ExtraArguments '--jit-users', '1', '--api-rate-limit', '0'
        $script:Transcript = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-transcript-' + [guid]::NewGuid().ToString('N') + '.txt')
    }
    AfterAll {
        Disconnect-ModeScim -ErrorAction SilentlyContinue
        Stop-ModeScimEmulator $script:Emulator
        Remove-Item $script:Transcript -ErrorAction SilentlyContinue
    }

    It 'never appears in any stream, error or transcript, nor does the Basic header or a signature token''s secret' {
        $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($script:Emulator.ApiToken + ':' + $script:Secret))
        $null = Start-Transcript -Path $script:Transcript
        try {
            $all = & {
                $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; $ErrorActionPreference = 'Continue'
                $connection = Connect-TestEmulatorWithApi -Emulator $script:Emulator -PassThru
                $connection | Format-List * | Out-String
                Get-ModeAccessReport -InactiveDays 30 | Format-List * | Out-String
                Get-ModeContent -Owner 'jit.user1@example.com'
                try { Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiSecret ($script:Secret + 'x') } catch { $_ | Format-List * -Force | Out-String }
            } *>&1 | Out-String
        }
        finally {
            $null = Stop-Transcript
        }
        $transcript = Get-Content -Raw -LiteralPath $script:Transcript

        $all | Should -BeLike '*batch*signature_tokens*'
        foreach ($text in $all, $transcript, ($Error | Format-List * -Force | Out-String)) {
            $text | Should -Not -BeLike "*$($script:Secret)*"
            $text | Should -Not -BeLike "*$basic*"
            $text | Should -Not -Match '"access_secret"\s*:\s*"(?!\*\*\*)'
        }
    }
}
