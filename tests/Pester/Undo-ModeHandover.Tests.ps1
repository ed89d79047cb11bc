# Undo-ModeHandover: a leaver's handover undone from the journal (reports moved back, grants revoked), against the
# emulator's /api, with its raw state as the oracle.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'Undo-ModeHandover' {
    BeforeAll {
        # Neither side paces: these tests are about what is changed, not about the rate limit.
        $script:Emulator = Start-TestEmulator -Seed 5 -ExtraArguments '--api-rate-limit', '0'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator -ApiRateLimit 0
    }
    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
    }

    It 'undoes a handover from the journal: reports back, grants revoked, and a second undo changes nothing' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath
        $original = Get-EmulatorApiState -Emulator $script:Emulator
        Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal

        $undone = @(Undo-ModeHandover $scene.Leaver.userName -JournalPath $journal -PassThru)

        $undone.Action | Should -Be @('UndoHandoverMove', 'UndoHandoverMove', 'UndoHandoverMove', 'UndoHandoverGrant', 'UndoHandoverGrant')
        $state = Get-EmulatorApiState -Emulator $script:Emulator
        foreach ($collection in $scene.Personal.collection, $scene.Team.collection, $scene.Handover.collection) {
            ((Get-Collection $state $collection) | ConvertTo-Json -Depth 5) | Should -Be ((Get-Collection $original $collection) | ConvertTo-Json -Depth 5)
        }
        $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/reset"
        @(Undo-ModeHandover $scene.Leaver.userName -JournalPath $journal -PassThru) | Should -BeNullOrEmpty
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
    }

    It 'keeps a grant another leaver''s handover still relies on when one leaver''s is undone, naming that leaver' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath
        # A second leaver handing over to the same successor and collection: the grant on it is already there.
        $second = New-EmulatorUser -Emulator $script:Emulator -UserName "second.$($scene.Suffix)@example.com"
        $secondPersonal = New-EmulatorContent -Emulator $script:Emulator -Creator $second.userName -Collection 'Personal' -Personal -Reports "Second $($scene.Suffix)"
        Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal
        Disable-ModeUser $second.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal
        $successorToken = Get-AccountToken (Get-EmulatorApiState -Emulator $script:Emulator) $scene.Successor.userName
        function Get-HandoverGrant { @((Get-Collection (Get-EmulatorApiState -Emulator $script:Emulator) $scene.Handover.collection).permissions | Where-Object accessor_token -eq $successorToken) }

        $undone = @(Undo-ModeHandover $scene.Leaver.userName -JournalPath $journal -PassThru -WarningVariable warnings -WarningAction SilentlyContinue)

        $undone.Action | Should -Be @('UndoHandoverMove', 'UndoHandoverMove', 'UndoHandoverMove', 'UndoHandoverGrant')
        (Get-HandoverGrant).Count | Should -Be 1
        "$warnings" | Should -BeLike "*is kept: the handover of $($second.userName)*relies on it*"
        @((Get-Collection (Get-EmulatorApiState -Emulator $script:Emulator) $scene.Handover.collection).reports.token) | Should -Be @($secondPersonal.reports)

        # Once the second handover is undone too, nothing relies on the grant: undoing both at once revokes it.
        $undone = @(Undo-ModeHandover $scene.Leaver.userName, $second.userName -JournalPath $journal -PassThru)

        $undone.Action | Should -Be @('UndoHandoverMove', 'UndoHandoverGrant')
        (Get-HandoverGrant).Count | Should -Be 0
    }

    It 'revokes a grant once the other leaver''s moved report has left the collection, as a successor filing it away would' {
        $scene = New-HandoverScene -Emulator $script:Emulator
        $journal = New-TestJournalPath
        $second = New-EmulatorUser -Emulator $script:Emulator -UserName "second.$($scene.Suffix)@example.com"
        $secondPersonal = New-EmulatorContent -Emulator $script:Emulator -Creator $second.userName -Collection 'Personal' -Personal -Reports "Second $($scene.Suffix)"
        $own = New-EmulatorContent -Emulator $script:Emulator -Creator $scene.Successor.userName -Collection "Own $($scene.Suffix)"
        Disable-ModeUser $scene.Leaver.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal
        Disable-ModeUser $second.userName -HandoverTo $scene.Successor.userName -HandoverCollection $scene.HandoverName -JournalPath $journal
        $basic = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($script:Emulator.ApiToken):$($script:Emulator.ApiSecret)"))
        $null = Invoke-RestMethod -Method Patch -Uri "$($script:Emulator.ApiBaseUri)$($script:Emulator.Workspace)/reports/$($secondPersonal.reports[0])" `
            -Headers @{ Authorization = $basic } -ContentType 'application/json' -Body (@{ report = @{ space_token = $own.collection } } | ConvertTo-Json)
        $successorToken = Get-AccountToken (Get-EmulatorApiState -Emulator $script:Emulator) $scene.Successor.userName

        $undone = @(Undo-ModeHandover $scene.Leaver.userName -JournalPath $journal -PassThru)

        $undone.Action | Should -Be @('UndoHandoverMove', 'UndoHandoverMove', 'UndoHandoverMove', 'UndoHandoverGrant', 'UndoHandoverGrant')
        @((Get-Collection (Get-EmulatorApiState -Emulator $script:Emulator) $scene.Handover.collection).permissions |
            Where-Object accessor_token -eq $successorToken) | Should -BeNullOrEmpty
    }
}
