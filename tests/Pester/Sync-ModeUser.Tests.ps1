BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 1000
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Csv = Join-Path ([System.IO.Path]::GetTempPath()) ('hr-' + [guid]::NewGuid().ToString('N') + '.csv')

    # The HR export of the seeded workspace: every active user, with 30 leavers removed,
    # 10 joiners added and 5 people whose display name changed.
    function New-HrExport {
        $active = @(Get-ModeUser -Status Active)
        $rows = New-Object System.Collections.Generic.List[object]
        for ($i = 0; $i -lt $active.Count; $i++) {
            $u = $active[$i]
            if ($i -ge 100 -and $i -lt 130) { continue }
            $display = if ($i -lt 5) { "$($u.DisplayName) Jr." } else { $u.DisplayName }
            $rows.Add([pscustomobject]@{ UserName = $u.UserName; Mail = $u.Email; FirstName = $u.GivenName; LastName = $u.FamilyName; DisplayName = $display; EmployeeId = $u.ExternalId })
        }
        for ($j = 1; $j -le 10; $j++) {
            $rows.Add([pscustomobject]@{ UserName = "joiner$j@example.com"; Mail = "joiner$j@example.com"; FirstName = 'New'; LastName = "Joiner$j"; DisplayName = "New Joiner$j"; EmployeeId = "J$j" })
        }
        [pscustomobject]@{ Rows = $rows.ToArray(); Leavers = $active[100..129]; Changed = $active[0..4] }
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Csv -ErrorAction SilentlyContinue
}

Describe 'Sync-ModeUser' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:journal = New-TestJournalPath
        $script:hr = New-HrExport
        $script:hr.Rows | Export-Csv -LiteralPath $script:Csv -NoTypeInformation
        Reset-ModeScimEmulator $script:Emulator
    }

    AfterEach {
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'makes exactly the changes an HR export with 30 leavers, 10 joiners and 5 changes asks for, and none the second time' {
        $result = Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -UpdateExisting -DisableMissing -JournalPath $script:journal

        $result.Created.Count | Should -Be 10
        $result.Updated | Should -Be $script:hr.Changed.UserName
        @($result.Disabled | Sort-Object) | Should -Be @($script:hr.Leavers.UserName | Sort-Object)
        $result.Enabled.Count | Should -Be 0
        $result.Failed.Count | Should -Be 0
        $stats = Get-ModeScimEmulatorStats $script:Emulator
        $stats.POST | Should -Be 10
        $stats.PATCH | Should -Be 35
        $leaver = Get-EmulatorUser -Emulator $script:Emulator -Id $script:hr.Leavers[0].Id
        $leaver.active | Should -BeFalse
        (Get-ModeUser $script:hr.Changed[0].Id).DisplayName | Should -Be "$($script:hr.Changed[0].DisplayName) Jr."
        @(Get-ModeScimJournal -Path $script:journal -Action Disable).Count | Should -Be 30
        @(Get-ModeScimJournal -Path $script:journal -Action Create).UserName | Sort-Object | Should -Be @(1..10 | ForEach-Object { "joiner$_@example.com" } | Sort-Object)
        $updates = @(Get-ModeScimJournal -Path $script:journal -Action Update)
        $updates.UserName | Should -Be $script:hr.Changed.UserName
        $updates[0].UserId | Should -Be $script:hr.Changed[0].Id
        $display = @($updates[0].Changes | Where-Object Attribute -EQ 'displayName')
        $display.Count | Should -Be 1
        $display[0].Old | Should -Be $script:hr.Changed[0].DisplayName
        $display[0].New | Should -Be "$($script:hr.Changed[0].DisplayName) Jr."

        Reset-ModeScimEmulator $script:Emulator
        $again = Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -UpdateExisting -DisableMissing -JournalPath $script:journal

        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $again.Unchanged | Should -Be $script:hr.Rows.Count
    }

    It 'refuses a truncated export with ModeScim.DisableThresholdExceeded and changes nothing' {
        { Import-Csv -LiteralPath $script:Csv | Select-Object -First 10 | Sync-ModeUser -DisableMissing -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.DisableThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $script:journal | Should -Not -Exist
    }

    It 'checks the guard before any change: a truncated export with joiners and a returning user creates and enables nobody' {
        $inactive = @(Get-ModeUser -Status Inactive)[0]
        $inactive | Should -Not -BeNullOrEmpty
        $truncated = @(Import-Csv -LiteralPath $script:Csv | Select-Object -First 10) +
            [pscustomobject]@{ UserName = 'guard.joiner@example.com'; Mail = 'guard.joiner@example.com' } +
            [pscustomobject]@{ UserName = $inactive.UserName; Mail = $inactive.Email }
        Reset-ModeScimEmulator $script:Emulator

        { $truncated | Sync-ModeUser -DisableMissing -RestoreGroups -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.DisableThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeUserCommand'

        $stats = Get-ModeScimEmulatorStats $script:Emulator
        $stats.mutating | Should -Be 0
        $stats.POST | Should -Be 0 -Because 'the joiner is not created'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $inactive.Id).active | Should -BeFalse -Because 'the returning user is not enabled'
        $script:journal | Should -Not -Exist
    }

    It 'counts a -MaxDisable percentage against the active users only' {
        $active = @(Get-ModeUser -Status Active)
        $all = @(Get-ModeUser)
        $all.Count | Should -BeGreaterThan $active.Count -Because 'the workspace has inactive users'
        # Leave out exactly 5% of the active users (rounded down), plus one: one over the limit of active users,
        # though well under 5% of all users if inactive ones were counted.
        $limit = [Math]::Floor($active.Count * 5 / 100)
        $overActive = $limit + 1
        $overActive | Should -BeLessOrEqual ([Math]::Floor($all.Count * 5 / 100)) -Because 'counting every user would allow it'
        $kept = $active | Select-Object -Skip $overActive | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName } }
        Reset-ModeScimEmulator $script:Emulator

        { $kept | Sync-ModeUser -DisableMissing -MaxDisable 5% -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.DisableThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0

        $keptOneMore = $active | Select-Object -Skip $limit | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName } }
        $result = $keptOneMore | Sync-ModeUser -DisableMissing -MaxDisable 5% -JournalPath $script:journal
        $result.Disabled.Count | Should -Be $limit
    }

    It 'leaves a leaver untouched when the journal cannot be written, as Disable-ModeUser does' {
        $leaver = $script:hr.Leavers[0]
        $everyoneElse = @(Get-ModeUser -Status Active | Where-Object Id -ne $leaver.Id | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName } })
        # A plain file where the journal's folder should be: the folder cannot be made, so the append fails.
        $blocked = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-blocked-' + [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $blocked -Value 'not a folder'
        Reset-ModeScimEmulator $script:Emulator

        $result = $everyoneElse | Sync-ModeUser -DisableMissing -MaxDisable 1 -JournalPath (Join-Path $blocked 'journal.jsonl') -ErrorAction SilentlyContinue

        (Get-EmulatorUser -Emulator $script:Emulator -Id $leaver.Id).active | Should -BeTrue
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $result.Disabled.Count | Should -Be 0
        @($result.Failed | Where-Object { $_.UserName -eq $leaver.UserName -and $_.Reason -like 'ModeScim.JournalWriteFailed*' }).Count | Should -Be 1
        Remove-Item -LiteralPath $blocked -Force
    }

    It 'refuses an empty export with ModeScim.EmptyDesiredSet, whatever the limit' {
        Set-Content -LiteralPath $script:Csv -Value 'UserName,Mail'

        { Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -DisableMissing -MaxDisable '100%' -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.EmptyDesiredSet,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'takes -MaxDisable as a count' {
        { Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -DisableMissing -MaxDisable 29 -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.DisableThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        (Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -DisableMissing -MaxDisable 30 -JournalPath $script:journal).Disabled.Count | Should -Be 30
    }

    It 'refuses a malformed -MaxDisable with ModeScim.InvalidInput before any request' {
        { Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -DisableMissing -MaxDisable 'lots' } |
            Should -Throw -ErrorId 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
    }

    It 'refuses an unusable -MaxUpdate, -ColumnMap or -JournalPath with ModeScim.InvalidInput before any request' {
        $id = 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        { Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -UpdateExisting -MaxUpdate 'ten' } | Should -Throw -ErrorId $id
        { Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -ColumnMap @{ 'Work Email' = 'Mail' } } | Should -Throw -ErrorId $id
        { Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -DisableMissing -JournalPath 'Env:MODESCIM_TEST_JOURNAL' } |
            Should -Throw -ErrorId $id
        (Get-ModeScimEmulatorStats $script:Emulator).total | Should -Be 0
        Test-Path Env:MODESCIM_TEST_JOURNAL | Should -BeFalse
    }

    It 'never touches excluded accounts' {
        $protected = $script:hr.Leavers[0..1].UserName

        $result = Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -DisableMissing -Exclude $protected[0], ($protected[1].Substring(0, 6) + '*') -JournalPath $script:journal

        # The list is the one expected (every leaver no exclusion matches), so its not holding the protected two
        # means something.
        $pattern = $protected[1].Substring(0, 6) + '*'
        $expected = @($script:hr.Leavers.UserName | Where-Object { $_ -ne $protected[0] -and $_ -notlike $pattern } | Sort-Object)
        $expected.Count | Should -BeGreaterThan 20
        @($result.Disabled | Sort-Object) | Should -Be $expected
        $result.Disabled | Should -Not -Contain $protected[0]
        $result.Disabled | Should -Not -Contain $protected[1]
        $result.Excluded | Should -BeGreaterOrEqual 2
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:hr.Leavers[0].Id).active | Should -BeTrue
    }

    It 'returns the plan and changes nothing with -WhatIf' {
        $plan = Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -UpdateExisting -DisableMissing -JournalPath $script:journal -WhatIf

        $plan.WhatIf | Should -BeTrue
        $plan.Created.Count | Should -Be 10
        $plan.Disabled.Count | Should -Be 30
        $plan.Updated.Count | Should -Be 5
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $script:journal | Should -Not -Exist
    }

    It 're-enables a returning user and, with -RestoreGroups, their groups' {
        $returning = $script:hr.Changed[0]
        $groupsBefore = @((Get-ModeUser $returning.Id).Groups.Id)
        Disable-ModeUser $returning.Id -JournalPath $script:journal
        Reset-ModeScimEmulator $script:Emulator

        $result = Import-Csv -LiteralPath $script:Csv | Sync-ModeUser -RestoreGroups -JournalPath $script:journal

        $result.Enabled | Should -Be $returning.UserName
        $after = Get-ModeUser $returning.Id
        $after.Active | Should -BeTrue
        @($after.Groups.Id | Sort-Object) | Should -Be @($groupsBefore | Sort-Object)
    }

    It 'keys on ExternalId with -Key ExternalId, updating a changed userName' {
        $person = $script:hr.Rows[20]
        $renamed = [pscustomobject]@{ UserName = 'renamed.person@example.com'; EmployeeId = $person.EmployeeId }

        $result = Sync-ModeUser -InputObject $renamed -Key ExternalId -UpdateExisting

        $result.Updated | Should -Be $person.UserName
        (Get-ModeUser -UserName 'renamed.person@example.com').ExternalId | Should -Be $person.EmployeeId
    }

    It 'renames a display name made from the names, and keeps one set by hand, when the export has no display names' {
        $handSet = $script:hr.Rows[30]
        $derived = $script:hr.Rows[31]
        Set-ModeUser $handSet.UserName -DisplayName "$($handSet.FirstName) $($handSet.LastName) (Finance)"
        Set-ModeUser $derived.UserName -DisplayName "$($derived.FirstName) $($derived.LastName)"
        $married = @($handSet, $derived) | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName; FirstName = $_.FirstName; LastName = 'Married' } }

        $result = $married | Sync-ModeUser -UpdateExisting

        @($result.Updated | Sort-Object) | Should -Be @($handSet.UserName, $derived.UserName | Sort-Object)
        $kept = Get-ModeUser $handSet.UserName
        $kept.FamilyName | Should -Be 'Married'
        $kept.DisplayName | Should -Be "$($handSet.FirstName) $($handSet.LastName) (Finance)"
        (Get-ModeUser $derived.UserName).DisplayName | Should -Be "$($derived.FirstName) Married"
    }

    It 'reports bad rows as failures with ModeScim.InvalidInput and goes on' {
        $rows = @([pscustomobject]@{ UserName = 'bad@example.com'; Mail = 'not-an-email' }, [pscustomobject]@{ UserName = 'good@example.com' })

        $errors = Get-ErrorRecords { $script:outcome = Sync-ModeUser -InputObject $rows }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        $script:outcome.Created | Should -Be 'good@example.com'
        $script:outcome.Failed.UserName | Should -Be 'bad@example.com'
    }

    It 'never disables people whose rows it refused: an invisible character after a userName, a malformed email' {
        $rows = @($script:hr.Rows | ForEach-Object { $_ })
        $zeroWidth = $rows[0].UserName
        $badMail = $rows[1].UserName
        $rows[0] = [pscustomobject]@{ UserName = $zeroWidth + [char]0x200B; Mail = $rows[0].Mail }
        $rows[1] = [pscustomobject]@{ UserName = $badMail; Mail = 'not-an-email' }

        $errors = Get-ErrorRecords { $script:outcome = $rows | Sync-ModeUser -UpdateExisting -DisableMissing -MaxDisable 100 -JournalPath $script:journal 3>$null }

        $script:outcome.Disabled | Should -Not -Contain $zeroWidth
        $script:outcome.Disabled | Should -Not -Contain $badMail
        @($script:outcome.Disabled).Count | Should -Be 30
        ($script:outcome.Failed | Where-Object { $_.UserName -eq $zeroWidth -and $_.Change -eq 'Disable' }).Reason | Should -BeLike 'ModeScim.InvalidInput: *row 1 names it but was refused*'
        @($errors.FullyQualifiedErrorId | Select-Object -Unique) | Should -Be @('ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SyncModeUserCommand')
        $state = Get-EmulatorState -Emulator $script:Emulator
        ($state.users | Where-Object userName -EQ $zeroWidth).active | Should -BeTrue
        ($state.users | Where-Object userName -EQ $badMail).active | Should -BeTrue
    }

    It 'stops promptly when the pipeline is stopped mid-run, leaving every journal line whole and no error' {
        # Every deactivation is held at the server: the stop comes while they are in flight, and must cancel them
        # rather than wait for their answers.
        Set-EmulatorRequestHold -Emulator $script:Emulator -Method PATCH
        try {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$($script:ModuleManifest)'; Import-Csv -LiteralPath '$($script:Csv)' | Sync-ModeUser -DisableMissing -JournalPath '$($script:journal)'")
            $null = $ps.BeginInvoke()
            Wait-EmulatorRequest -Emulator $script:Emulator -Route 'PATCH Users/{id}'

            Stop-TestPipeline $ps | Should -BeTrue -Because 'a stop cancels the deactivations in flight instead of waiting for their answers'

            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $ps.Streams.Error.Count | Should -Be 0
            $lines = @(Get-Content -LiteralPath $script:journal)
            $lines | ForEach-Object { { $_ | ConvertFrom-Json } | Should -Not -Throw }
            # Stopped mid-run: every leaver was journalled before any deactivation was sent, and none held was applied.
            $journalled = @($lines | ForEach-Object { ($_ | ConvertFrom-Json).userId })
            foreach ($leaver in $script:hr.Leavers) { $journalled | Should -Contain $leaver.Id }
            @($script:hr.Leavers | Where-Object { -not (Get-EmulatorUser -Emulator $script:Emulator -Id $_.Id).active }) | Should -BeNullOrEmpty
            $ps.Dispose()
        }
        finally {
            Set-EmulatorRequestHold -Emulator $script:Emulator -Off
        }
    }

    It 'reads Get-ADUser-style objects (UserPrincipalName, Surname, EmployeeID)' {
        $adUser = [pscustomobject]@{ UserPrincipalName = 'ad.user@example.com'; GivenName = 'Ad'; Surname = 'User'; EmployeeID = 'AD1'; Name = 'Ad User' }

        $result = $adUser | Sync-ModeUser

        $result.Created | Should -Be 'ad.user@example.com'
        $created = Get-ModeUser 'ad.user@example.com'
        $created.FamilyName | Should -Be 'User'
        $created.ExternalId | Should -Be 'AD1'
    }
}

Describe 'Sync-ModeUser against a slow server' {
    BeforeAll {
        $script:Slow = Start-TestEmulator -Seed 60 -ExtraArguments @('--latency-ms', '100')
        Connect-ModeScim -BaseUri $script:Slow.BaseUri -Token (ConvertTo-TestSecureString $script:Slow.Token) -ThrottleLimit 4
    }

    AfterAll {
        Connect-TestEmulator -Emulator $script:Emulator
        Stop-ModeScimEmulator $script:Slow
    }

    It 'sends each kind of change side by side, -ThrottleLimit at a time, with every leaver journalled first' {
        $journal = New-TestJournalPath
        $active = @(Get-ModeUser -Status Active)
        $rows = @($active | Select-Object -Skip 8 | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName; Email = $_.Email } }) +
            @(1..8 | ForEach-Object { [pscustomobject]@{ UserName = "new$_@example.com"; Email = "new$_@example.com" } })
        Reset-ModeScimEmulator $script:Slow

        $result = $rows | Sync-ModeUser -DisableMissing -MaxDisable 8 -JournalPath $journal

        $result.Created.Count | Should -Be 8
        $result.Disabled.Count | Should -Be 8
        $stats = Get-ModeScimEmulatorStats $script:Slow
        $stats.POST | Should -Be 8
        $stats.PATCH | Should -Be 8
        # One listing page, then changes four at a time (one at a time would peak at 1).
        $stats.peakInFlight | Should -Be 4
        @(Get-ModeScimJournal -Path $journal -Action Disable).UserName | Sort-Object | Should -Be @($active[0..7].UserName | Sort-Object)
        Remove-Item $journal -ErrorAction SilentlyContinue
    }
}
