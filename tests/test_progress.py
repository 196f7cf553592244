"""The batch's time left is estimated from the first file finished, on a given clock."""

from expert.render.progress import Progress


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_the_start_up_does_not_inflate_the_time_left():
    clock = Clock()
    progress = Progress(total=100, clock=clock)
    clock.now = 3.0  # the workers build their engines
    progress.tick()
    assert progress.text() == "starting"
    for _ in range(10):
        clock.now += 0.1
        progress.tick()
    assert round(progress.rate(), 6) == 10.0
    assert round(progress.eta(), 6) == 8.9  # 89 files at 10 per second
    assert progress.text() == "10 files/s, 0:09 left"


def test_minutes_are_shown_as_minutes():
    clock = Clock()
    progress = Progress(total=1000, clock=clock)
    progress.tick()
    clock.now = 1.0
    progress.tick()
    assert progress.text() == "1 files/s, 16:38 left"
