# Every exported cmdlet's main path and guards, against the emulator's full RFC profile and against the
# minimal profile: what a server built only for Okta and Entra could be (no discovery, eq/and filters without
# escapes, no groups on users, bare 204 for PATCH, numeric error status, 400 for a path that is not an id).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    function Read-Journal([string] $Path) {
        @(Get-Content -LiteralPath $Path | ForEach-Object { $_ | ConvertFrom-Json })
    }

    function Get-EmulatorGroupByName([string] $Name) {
        @((Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path 'Groups').Resources | Where-Object displayName -EQ $Name)
    }

    function Get-EmulatorUserByName([string] $UserName) {
        @((Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path 'Users?count=1000').Resources | Where-Object userName -EQ $UserName)
    }

    # Group members read straight from the group side, which every profile here returns.
    function Get-MemberNames([string] $GroupId) {
        $ids = Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $GroupId
        $users = (Invoke-EmulatorScim -Emulator $script:Emulator -Method Get -Path 'Users?count=1000').Resources
        @($users | Where-Object { $ids -contains $_.id } | ForEach-Object userName | Sort-Object)
    }
}

Describe 'Every cmdlet against a <_> server' -ForEach @('full', 'minimal') {
    BeforeAll {
        $script:Profile = $_
        $script:Emulator = Start-TestEmulator -ExtraArguments @('--profile', $script:Profile)
        Connect-TestEmulator -Emulator $script:Emulator
    }

    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:journal = New-TestJournalPath
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com' -DisplayName 'Ada Lovelace'
        $script:bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        $script:quote = New-EmulatorUser -Emulator $script:Emulator -UserName 'o"brien\x@example.com'
        $script:finance = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Finance' -MemberIds $script:ada.id, $script:bob.id
        $script:analytics = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Analytics' -MemberIds $script:ada.id, $script:quote.id
        Reset-ModeScimEmulator $script:Emulator
    }

    AfterEach {
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'connects and shows what the <_> server publishes' {
        $connection = Get-ModeScimConnection
        $connection.IsOpen | Should -BeTrue
        $expected = if ($script:Profile -eq 'full') { 'Published' } else { 'Absent' }
        "$($connection.Discovery)" | Should -Be $expected
        (Test-ModeScimConnection).Success | Should -BeTrue
    }

    It 'finds users by userName, id, wildcard, email and status on a <_> server' {
        (Get-ModeUser 'ada@example.com').Id | Should -Be $script:ada.id
        (Get-ModeUser $script:bob.id).UserName | Should -Be 'bob@example.com'
        @(Get-ModeUser -UserName 'a*').UserName | Should -Be @('ada@example.com')
        @(Get-ModeUser -Email 'BOB@example.com').Id | Should -Be @($script:bob.id)
        @(Get-ModeUser -Status Active).Count | Should -Be 3
        @(Get-ModeUser -Status Inactive).Count | Should -Be 0
    }

    It 'finds a userName holding a quote and a backslash on a <_> server' {
        (Get-ModeUser 'o"brien\x@example.com').Id | Should -Be $script:quote.id
        @(Get-ModeUser -UserName 'o"brien\x@example.com').Id | Should -Be @($script:quote.id)
        @(Get-ModeUser -UserName 'o"b*').Id | Should -Be @($script:quote.id)
    }

    It 'reports a name nobody has as ModeScim.UserNotFound, not a server failure, on a <_> server' {
        $errors = Get-ErrorRecords { Get-ModeUser 'ghost@example.com' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.GetModeUserCommand'
    }

    It 'creates a user, and refuses a userName that is taken, on a <_> server' {
        $created = New-ModeUser -UserName 'cy@example.com' -GivenName 'Cy' -FamilyName 'Young'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $created.Id).name.givenName | Should -Be 'Cy'

        $errors = Get-ErrorRecords { New-ModeUser -UserName 'ADA@example.com' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserAlreadyExists,ModeScim.PowerShell.Commands.NewModeUserCommand'
        @(Get-EmulatorUserByName 'ada@example.com').Count | Should -Be 1
    }

    It 'changes a user''s email and name on a <_> server' {
        $updated = Set-ModeUser 'ada@example.com' -Email 'ada.l@example.com' -GivenName 'Augusta' -PassThru
        $updated.Email | Should -Be 'ada.l@example.com'
        $onServer = Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id
        @($onServer.emails.value) | Should -Be @('ada.l@example.com')
        $onServer.name.givenName | Should -Be 'Augusta'
    }

    It 'journals every group before disabling, and Enable-ModeUser -RestoreGroups puts them all back, on a <_> server' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal

        $record = (Read-Journal $script:journal)[0]
        @($record.groups.displayName | Sort-Object) | Should -Be @('Analytics', 'Finance')
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
        Get-MemberNames $script:finance.id | Should -Be @('bob@example.com')

        Enable-ModeUser 'ada@example.com' -RestoreGroups -JournalPath $script:journal

        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
        Get-MemberNames $script:finance.id | Should -Be @('ada@example.com', 'bob@example.com')
        Get-MemberNames $script:analytics.id | Should -Be @('ada@example.com', 'o"brien\x@example.com')
        @(Get-ModeScimJournal -Path $script:journal -UserName 'ada@example.com').Action | Should -Be @('Disable', 'Enable')
    }

    It 'journals a user with no groups as having none, on a <_> server' {
        $loner = New-EmulatorUser -Emulator $script:Emulator -UserName 'loner@example.com'
        Disable-ModeUser 'loner@example.com' -JournalPath $script:journal
        $record = (Read-Journal $script:journal)[0]
        @($record.groups).Count | Should -Be 0
        $record.PSObject.Properties.Name | Should -Contain 'userId' -Because 'the record was read whole'
        $record.PSObject.Properties.Name | Should -Not -Contain 'groupsKnown'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $loner.id).active | Should -BeFalse
    }

    It 'disables piped users with their groups read once for the batch on a <_> server' {
        $users = foreach ($i in 1..12) { New-EmulatorUser -Emulator $script:Emulator -UserName "batch$i@example.com" }
        $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Patch -Path "Groups/$($script:finance.id)" -Body @{
            schemas    = @('urn:ietf:params:scim:api:messages:2.0:PatchOp')
            Operations = @(@{ op = 'add'; path = 'members'; value = @($users | ForEach-Object { @{ value = $_.id } }) })
        }
        Reset-ModeScimEmulator $script:Emulator

        $users.userName | Disable-ModeUser -JournalPath $script:journal

        $records = Read-Journal $script:journal
        $records.Count | Should -Be 12
        foreach ($record in $records) { @($record.groups.displayName) | Should -Be @('Finance') }
        # Group listings: none where users carry their groups; on minimal, a probe page and one read of all groups.
        $routes = (Get-ModeScimEmulatorStats $script:Emulator).routes
        $groupListings = if ($routes.'GET Groups') { $routes.'GET Groups' } else { 0 }
        $groupListings | Should -BeLessOrEqual 2
    }

    It 'journals and deletes with Remove-ModeUser on a <_> server' {
        Remove-ModeUser 'bob@example.com' -JournalPath $script:journal -Confirm:$false
        (Read-Journal $script:journal)[0].groups.displayName | Should -Be @('Finance')
        @(Get-EmulatorUserByName 'bob@example.com').Count | Should -Be 0
    }

    It 'creates, renames, reads and removes groups on a <_> server' {
        $group = New-ModeGroup -DisplayName 'Sales' -Member 'ada@example.com', 'bob@example.com', $script:quote.id
        Get-MemberNames $group.Id | Should -Be @('ada@example.com', 'bob@example.com', 'o"brien\x@example.com')

        (Get-ModeGroup 'sales').Id | Should -Be $group.Id
        (Get-ModeGroup $group.Id).DisplayName | Should -Be 'Sales'
        @(Get-ModeGroupMember 'Sales').UserName | Sort-Object | Should -Be @('ada@example.com', 'bob@example.com', 'o"brien\x@example.com')

        Rename-ModeGroup 'Sales' -NewName 'Revenue'
        @(Get-EmulatorGroupByName 'Revenue').Count | Should -Be 1

        Remove-ModeGroup 'Revenue' -Confirm:$false
        @(Get-EmulatorGroupByName 'Revenue').Count | Should -Be 0
    }

    It 'adds and removes members in batches on a <_> server' {
        'bob@example.com', 'o"brien\x@example.com' | Add-ModeGroupMember -Group 'Analytics'
        Get-MemberNames $script:analytics.id | Should -Be @('ada@example.com', 'bob@example.com', 'o"brien\x@example.com')

        Remove-ModeGroupMember -Group 'Analytics' -Member 'ada@example.com', 'bob@example.com' -Confirm:$false
        Get-MemberNames $script:analytics.id | Should -Be @('o"brien\x@example.com')
    }

    It 'syncs a group to exactly the desired members, and the second run changes nothing, on a <_> server' {
        $result = Sync-ModeGroup -Group 'Finance' -Member 'bob@example.com', 'o"brien\x@example.com'
        @($result.Added) | Should -Be @('o"brien\x@example.com')
        @($result.Removed) | Should -Be @('ada@example.com')
        Get-MemberNames $script:finance.id | Should -Be @('bob@example.com', 'o"brien\x@example.com')

        Reset-ModeScimEmulator $script:Emulator
        $again = Sync-ModeGroup -Group 'Finance' -Member 'bob@example.com', 'o"brien\x@example.com'
        $again.Unchanged | Should -Be 2
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'refuses a group sync that removes more than -MaxRemove on a <_> server' {
        $errors = Get-ErrorRecords { Sync-ModeGroup -Group 'Finance' -Member @() -MaxRemove 1 }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.RemoveThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeGroupCommand'
        Get-MemberNames $script:finance.id | Should -Be @('ada@example.com', 'bob@example.com')
    }

    It 'creates a missing group empty and then adds its members on a <_> server' {
        $result = Sync-ModeGroup -Group 'Support' -Member 'ada@example.com' -CreateIfMissing
        $result.Created | Should -BeTrue
        Get-MemberNames (Get-EmulatorGroupByName 'Support')[0].id | Should -Be @('ada@example.com')
    }

    It 'syncs users from an export: creates, disables with journalled groups, on a <_> server' {
        $export = @(
            [pscustomobject]@{ UserName = 'ada@example.com'; GivenName = 'Ada'; FamilyName = 'Lovelace' }
            [pscustomobject]@{ UserName = 'o"brien\x@example.com'; GivenName = 'Pat'; FamilyName = 'O''Brien' }
            [pscustomobject]@{ UserName = 'dee@example.com'; GivenName = 'Dee'; FamilyName = 'Dee' }
        )
        $result = $export | Sync-ModeUser -DisableMissing -MaxDisable 1 -JournalPath $script:journal

        @($result.Created) | Should -Be @('dee@example.com')
        @($result.Disabled) | Should -Be @('bob@example.com')
        $records = Read-Journal $script:journal
        $records.action | Should -Be @('Create', 'Disable')
        $records[0].userName | Should -Be 'dee@example.com'
        $records[1].groups.displayName | Should -Be @('Finance')
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeFalse
    }

    It 'refuses a user sync that would disable more than -MaxDisable, before any change, on a <_> server' {
        { [pscustomobject]@{ UserName = 'new@example.com' } | Sync-ModeUser -DisableMissing -MaxDisable 1 -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.DisableThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        @(Get-EmulatorUserByName 'new@example.com').Count | Should -Be 0
    }

    It 'reports every user with their groups on a <_> server' {
        $rows = @(Get-ModeAccessReport)
        (($rows | Where-Object UserName -EQ 'ada@example.com').Groups -split '; ' | Sort-Object) | Should -Be @('Analytics', 'Finance')
        ($rows | Where-Object UserName -EQ 'bob@example.com').Groups | Should -Be 'Finance'
    }

    It 'exports evidence: every account, the journal and a leaver revoked, on a <_> server' {
        Disable-ModeUser 'bob@example.com' -JournalPath $script:journal
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('evidence-' + [guid]::NewGuid().ToString('N'))
        try {
            $hr = [pscustomobject]@{ UserName = 'bob@example.com'; LeaveDate = '2020-01-01' }
            $result = Export-ModeEvidence -Path $folder -Reference $hr -JournalPath $script:journal -WarningAction SilentlyContinue
            $result.Accounts | Should -Be 3
            $result.JournalRecords | Should -Be 1
            (Import-Csv (Join-Path $folder 'leavers.csv')).Status | Should -Be 'Revoked'
            (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 1
        }
        finally {
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'reports accounts SCIM does not list and unused seats through the REST API on a <_> server' {
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/api/accounts" -ContentType 'application/json' `
            -Body '{"email": "jit@example.com", "name": "Signed In Once", "listedInScim": false}'
        Set-EmulatorEngagement -Emulator $script:Emulator -Email 'bob@example.com' -LastDayEngaged (Get-Date).AddDays(-120)
        Connect-TestEmulatorWithApi -Emulator $script:Emulator
        try {
            $rows = @(Get-ModeAccessReport -InactiveDays 90)
        }
        finally {
            Connect-TestEmulator -Emulator $script:Emulator
        }
        ($rows | Where-Object UserName -EQ 'jit@example.com').Status | Should -Be 'Unmanaged'
        ($rows | Where-Object UserName -EQ 'bob@example.com').Status | Should -Be 'Unused'
        (($rows | Where-Object UserName -EQ 'ada@example.com').Groups -split '; ' | Sort-Object) | Should -Be @('Analytics', 'Finance')
    }

    It 'hands a leaver''s reports over, journals every step and the groups, then disables, on a <_> server' {
        $personal = New-EmulatorContent -Emulator $script:Emulator -Creator 'ada@example.com' -Collection 'Personal' -Personal -Reports 'A', 'B'
        $shared = New-EmulatorContent -Emulator $script:Emulator -Creator 'bob@example.com' -Collection 'Handover'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator
        try {
            Disable-ModeUser 'ada@example.com' -HandoverTo 'bob@example.com' -HandoverCollection 'Handover' -JournalPath $script:journal
        }
        finally {
            Connect-TestEmulator -Emulator $script:Emulator
        }
        $state = Get-EmulatorApiState -Emulator $script:Emulator
        @(($state.spaces | Where-Object token -EQ $shared.collection).reports.token) | Should -Be @($personal.reports)
        $records = Read-Journal $script:journal
        $records.action | Should -Be @('HandoverMove', 'HandoverMove', 'Disable')
        ($records[2].groups.displayName | Sort-Object) | Should -Be @('Analytics', 'Finance')
        @(Get-EmulatorUserByName 'ada@example.com')[0].active | Should -BeFalse
    }
}
