/** A first-in first-out queue whose taking is O(1) and whose memory stays bounded over a long run. */
export interface Fifo<Item> {
  push(item: Item): void
  /** Puts `item` back in front of every other, to be taken next. */
  pushFront(item: Item): void
  /** The oldest item, removed; undefined when empty. */
  take(): Item | undefined
  /** How many items wait. */
  readonly size: number
}

export function createFifo<Item>(): Fifo<Item> {
  const items: Item[] = []
  let head = 0
  return {
    get size() {
      return items.length - head
    },
    push: (item) => void items.push(item),
    pushFront(item) {
      if (head > 0) items[--head] = item
      else items.unshift(item)
    },
    take() {
      if (head === items.length) return undefined
      const item = items[head++]
      // Compact once the consumed prefix dominates, so a long run does not keep every item.
      if (head > 1024 && head * 2 > items.length) {
        items.splice(0, head)
        head = 0
      }
      return item
    },
  }
}
