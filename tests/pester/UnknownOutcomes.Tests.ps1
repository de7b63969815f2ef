# A comment whose answer was lost, and whose check failed too, is Unknown: Tallyfy has no idempotency key, so posting it
# again could post it twice. The journal keeps the step sent before an Unknown result (for every journalled cmdlet), and
# a rerun with the same -Journal looks for the comment first (this author, this text, since the journal began) and posts
# only when it is not there. Through a real pwsh against a real sandbox process; the file owns its
# sandbox (faults).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 10
    function script:Fresh {
        Reset-TallyfySandbox $sb -Runs 10
        $null = Connect-TallyfySandbox $sb -MaxRetries 1
    }
    function script:CommentsWith([string] $TaskId, [string] $Text) {
        @((Get-TallyfySandboxState $sb -TaskId $TaskId).threads | Where-Object content -eq $Text)
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'A rerun of an unknown comment with its journal' {
    It 'finds the comment an earlier call posted without learning it, and posts nothing again' {
        Fresh
        $taskId = (Get-TallyfyTask -OneOff -Status active -First 1).Id
        $text = "Invoice checked $(New-Guid)"
        $j = Join-Path $TestDrive 'posted.json'
        # Every POST is applied and its answer lost; every read to check it fails the same way.
        Set-TallyfySandboxFault $sb @{ resetAfterRate = 1.0; methods = @('POST', 'GET') } | Out-Null
        $first = Add-TallyfyComment -TaskId $taskId -Text $text -Journal $j -ErrorAction SilentlyContinue -ErrorVariable errs
        $first.Status | Should -Be 'Unknown'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'OutcomeUnknown*'
        @(CommentsWith $taskId $text).Count | Should -Be 1

        Set-TallyfySandboxFault $sb @{} | Out-Null
        $seq = LastSeq
        $again = Add-TallyfyComment -TaskId $taskId -Text $text -Journal $j
        $again.Status | Should -Be 'Added'
        $again.CommentId | Should -Be (CommentsWith $taskId $text)[0].id
        $again.Message | Should -Match 'earlier call of this journal'
        @(Mutations $seq).Count | Should -Be 0
        @(CommentsWith $taskId $text).Count | Should -Be 1
    }

    It 'posts it on the rerun when the earlier call''s post never arrived' {
        Fresh
        $taskId = (Get-TallyfyTask -OneOff -Status active -First 1).Id
        $text = "Reminder $(New-Guid)"
        $j = Join-Path $TestDrive 'lost.json'
        # The POST never reaches the service; the checks fail too.
        Set-TallyfySandboxFault $sb @{ resetBeforeRate = 1.0; methods = @('POST', 'GET') } | Out-Null
        $first = Add-TallyfyComment -TaskId $taskId -Text $text -Journal $j -ErrorAction SilentlyContinue
        $first.Status | Should -BeIn @('Unknown', 'Failed')
        @(CommentsWith $taskId $text).Count | Should -Be 0

        Set-TallyfySandboxFault $sb @{} | Out-Null
        $again = Add-TallyfyComment -TaskId $taskId -Text $text -Journal $j
        $again.Status | Should -Be 'Added'
        @(CommentsWith $taskId $text).Count | Should -Be 1
    }
}
