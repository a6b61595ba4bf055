// Walks a list of steps: `cursor` is the index of the last step applied (-1 before the first).
// Each move advances the cursor, then calls `redraw`, which draws the whole state from the
// cursor, so any step can be reached from any other. A loop started by `playTo` carries a
// token; every later command takes a new token, which ends the old loop at its next tick.
(function () {
  "use strict";
  var ns = (window.BackpropGraph = window.BackpropGraph || {});

  function Player(count, redraw) {
    this.count = count;
    this.redraw = redraw;
    this.cursor = -1;
    this.playing = false;
    this.token = 0;
    this.delay = function () { return 0; };
    // Stops a loop whose widget has left the page (instant navigation swaps the content).
    this.alive = function () { return true; };
  }

  Player.prototype.atEnd = function () {
    return this.cursor >= this.count - 1;
  };

  Player.prototype.cancel = function () {
    this.token += 1;
    this.playing = false;
  };

  Player.prototype.step = function () {
    this.cancel();
    if (!this.atEnd()) this.cursor += 1;
    this.redraw();
  };

  // Plays until the cursor reaches `end`, one step per delay; the first step shows at once.
  Player.prototype.playTo = function (end) {
    var self = this;
    this.cancel();
    var token = this.token;
    this.playing = this.cursor < end;
    function tick() {
      if (token !== self.token || !self.alive()) return;
      if (self.cursor < end) self.cursor += 1;
      if (self.cursor >= end) self.playing = false;
      self.redraw();
      if (self.playing) window.setTimeout(tick, self.delay());
    }
    tick();
  };

  Player.prototype.pause = function () {
    this.cancel();
    this.redraw();
  };

  Player.prototype.jumpTo = function (index) {
    this.cancel();
    this.cursor = Math.max(-1, Math.min(index, this.count - 1));
    this.redraw();
  };

  Player.prototype.reset = function () {
    this.jumpTo(-1);
  };

  ns.Player = Player;
})();
